/**
 * The value kept in `map` under `key`, made by `make` on first use. Past `most` entries the map
 * starts over. For values that cost far more to make than to keep (an `Intl` formatter, a parsed
 * locale tag), keyed by things of which there are few (locales, formats), but not trusted to stay few.
 */
export function kept<K, V>(map: Map<K, V>, key: K, make: (key: K) => V, most = 500): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    if (map.size >= most) map.clear();
    map.set(key, value);
  }
  return value;
}
