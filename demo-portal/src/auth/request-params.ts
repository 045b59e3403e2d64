/**
 * The parameters of a request, as ArcGIS reads them: the query string, then the body
 * (`application/x-www-form-urlencoded`, `multipart/form-data` as sent by `navigator.sendBeacon`
 * with FormData, `text/plain` holding a urlencoded string, or a JSON object). Body values win.
 * File parts are ignored. A malformed body yields just the query parameters.
 */
export async function readRequestParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return params;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const form = await request.formData();
      for (const key of new Set(form.keys())) {
        const value = form.get(key);
        if (typeof value === 'string') params.set(key, value);
      }
    } else if (type.startsWith('application/json')) {
      const json: unknown = await request.json();
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        for (const [key, value] of Object.entries(json)) {
          if (typeof value === 'string') params.set(key, value);
          else if (typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
        }
      }
    } else {
      // application/x-www-form-urlencoded, text/plain, or no content type at all.
      for (const [key, value] of new URLSearchParams(await request.text())) params.set(key, value);
    }
  } catch {
    // Unreadable body: the query parameters are all we have.
  }
  return params;
}
