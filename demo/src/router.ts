/** A hash route such as `#/ventas/V-10234` or `#/inventarios?status=low_stock`. */
export interface Route {
  page: string;
  id?: string;
  query: URLSearchParams;
}

/** Reads the current hash: the page, an optional id, and the query the deep link carries. */
export function route(hash = location.hash): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page = 'ventas', id] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, ...(id ? { id } : {}), query: new URLSearchParams(query) };
}
