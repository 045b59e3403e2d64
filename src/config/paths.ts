/** Route URLs. Build links with these helpers, never with string literals. */
export const paths = {
  overview: { pattern: '/', href: () => '/' },
  members: {
    pattern: '/members',
    href: (params?: Record<string, string>) => withQuery('/members', params),
  },
  usage: {
    pattern: '/usage',
    href: (params?: Record<string, string>) => withQuery('/usage', params),
  },
  journal: { pattern: '/journal', href: () => '/journal' },
  policies: { pattern: '/policies', href: () => '/policies' },
} as const;

function withQuery(path: string, params?: Record<string, string>): string {
  const qs = new URLSearchParams(params ?? {}).toString();
  return qs ? `${path}?${qs}` : path;
}
