/** Great-circle distance for tracks that carry positions but no distance. */

const EARTH_RADIUS_M = 6_371_008.8 // mean Earth radius (IUGG)
const RAD = Math.PI / 180

export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLng = (lng2 - lng1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * Cumulative distance along the positions; a row without a position carries the last
 * distance forward, so the result never decreases.
 */
export function cumulativeDistanceM(lat: Float64Array, lng: Float64Array): Float64Array {
  const out = new Float64Array(lat.length)
  let total = 0
  let prevLat = Number.NaN
  let prevLng = Number.NaN
  for (let i = 0; i < lat.length; i += 1) {
    const la = lat[i] as number
    const lo = lng[i] as number
    if (Number.isFinite(la) && Number.isFinite(lo)) {
      if (Number.isFinite(prevLat)) total += haversineM(prevLat, prevLng, la, lo)
      prevLat = la
      prevLng = lo
    }
    out[i] = total
  }
  return out
}
