/** 127.0.0.0/8, ::1 and localhost (bracketed IPv6 as a URL's hostname gives it too): hosts on this machine only. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
