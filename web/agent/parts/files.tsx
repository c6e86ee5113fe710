/** Files in the console: uploading one for a reply, sizes, and the links of a message's attachments. */
import { request } from '../../shared/api';
import { type Message, type UploadedFile } from '../types';

export type { UploadedFile };

/** Uploads one file (multipart, field "file") to /api/v1/attachments; throws ApiError (413 when too large). */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<UploadedFile>('POST', '/api/v1/attachments', form);
}

/** A file's size for people: "512 B", "12 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** A message's files as download links (the authenticated /api/v1/attachments/:id), with their sizes. */
export function AttachmentLinks({ attachments }: { attachments: Message['attachments'] }) {
  if (!attachments.length) return null;
  return (
    <ul className="files">
      {attachments.map((a) => (
        <li key={a.id}>
          <a href={a.url} download={a.filename}>
            {a.filename}
          </a>{' '}
          <span className="muted">({fileSize(a.size)})</span>
        </li>
      ))}
    </ul>
  );
}
