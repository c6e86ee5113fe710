/** Best guesses of device and OS from the browser, to pre-fill the technical-problem form (the user can edit them). */
export function guessDevice(ua: string = navigator.userAgent): { device: string; os: string } {
  let os = '';
  let device = '';
  const android = /Android\s+([\d.]+)/.exec(ua);
  const ios = /(iPhone|iPad|iPod).*?OS\s+([\d_]+)/.exec(ua);
  if (android) {
    os = `Android ${android[1]}`;
    const model = /Android[^;)]*;\s*(?:[a-z]{2}[-_][a-z]{2};\s*)?([^;)]+?)(?:\s+Build\/|\))/i.exec(ua);
    if (model?.[1] && model[1] !== 'K') device = model[1].trim();
  } else if (ios) {
    os = `iOS ${ios[2]!.replace(/_/g, '.')}`;
    device = ios[1]!;
  } else if (/Windows NT 10/.test(ua)) os = 'Windows 10/11';
  else if (/Mac OS X ([\d_]+)/.test(ua)) os = `macOS ${/Mac OS X ([\d_]+)/.exec(ua)![1]!.replace(/_/g, '.')}`;
  else if (/Linux/.test(ua)) os = 'Linux';
  if (!device) device = /Mobile/.test(ua) ? 'Phone' : 'Computer';
  return { device, os };
}
