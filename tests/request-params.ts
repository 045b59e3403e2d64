/**
 * The parameters of a request to the portal, wherever they travel: the query string (anonymous GETs)
 * or the form body (signed-in requests are POSTs, so the token is never in a URL).
 */
export async function requestParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    for (const [key, value] of new URLSearchParams(await request.clone().text())) params.set(key, value);
  }
  return params;
}

/** The same request with some parameters replaced (query and body alike). */
export async function withParams(request: Request, changes: Record<string, string>): Promise<Request> {
  const params = await requestParams(request);
  for (const [key, value] of Object.entries(changes)) params.set(key, value);
  if (request.method === 'GET') {
    const url = new URL(request.url);
    url.search = params.toString();
    return new Request(url, { method: 'GET', headers: request.headers });
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: params });
}
