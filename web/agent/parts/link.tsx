/** A link that moves within the console without reloading it. */
import { type ReactNode } from 'react';
import { onLinkClick } from '../../shared/router';

export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={to} className={className} onClick={(e) => onLinkClick(e, to)} {...rest}>
      {children}
    </a>
  );
}
