/** True for http(s) URLs on 127.0.0.1, ::1 or localhost: where a static test token is allowed. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
  } catch {
    return false;
  }
}
