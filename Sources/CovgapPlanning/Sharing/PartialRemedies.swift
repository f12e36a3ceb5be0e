import CovgapSupport
import CovgapKernel
import CovgapModel
import Foundation
import GDALBridge

/// What a carrier missing from a partial not-spot is advised to do.
public enum PartialRemedy: Sendable, Equatable {
    /// Put its equipment on `site` (index into the inventory) of a covering carrier, `distanceMetres` from the zone
    /// (0 = inside it), whose modelled level at the zone's nearest point is `levelDbm`.
    case colocate(site: Int, distanceMetres: Double, levelDbm: Double)
    /// No covering carrier's shareable site reaches the zone: national roaming on a covering carrier's network.
    case roaming

    /// "colocate" or "roaming".
    public var action: String {
        if case .colocate = self { return "colocate" }
        return "roaming"
    }
}

/// Finds, for each carrier missing from a partial not-spot, the nearest shareable site of a covering carrier within
/// the search radius whose own modelled signal reaches the zone (its level at the zone's nearest point ≥ that
/// carrier's threshold for the scope's technology: the COST-231 Hata median, or over the terrain when a DEM is given);
/// otherwise roaming.
struct PartialRemedies {
    let sites: [Site]
    let carriers: [String]
    let scopes: CarrierScopes
    /// Threshold (dBm) per carrier index and technology, for the carriers that have a layer there.
    let thresholds: [Int: [Technology: Double]]
    let model: PropagationModel
    let radiusMetres: Double
    let frame: MetricFrame
    /// Levels over the terrain (the grid is then projected, so the frame is the grid CRS); nil: Hata.
    var terrain: TerrainLevel? = nil

    /// Remedies per zone, per carrier index (nil for carriers that cover the zone or have no layer in its scope).
    func remedies(for zones: [DeadZone], geometries: [[UInt32: WKBGeometry]]) throws -> [[PartialRemedy?]] {
        var index = SpatialIndex<Int>(cell: max(radiusMetres, 100))
        var usable: [Int] = []
        for (i, s) in sites.enumerated() {
            guard s.shareable, carriers.contains(s.carrier), let p = frame.project(lon: s.lon, lat: s.lat) else {
                continue
            }
            index.insert(usable.count, x: p.x, y: p.y)
            usable.append(i)
        }
        var out: [[PartialRemedy?]] = []
        for z in zones {
            let s = z.scope.index
            var row = [PartialRemedy?](repeating: nil, count: carriers.count)
            let missing = (0..<carriers.count).filter {
                scopes.has(carrier: $0, scope: s) && z.coveredBy & (1 << UInt8($0)) == 0
            }
            guard !missing.isEmpty else { out.append(row); continue }
            var best: PartialRemedy = .roaming
            if let g = geometries[s][z.rasterValue] {
                let metric = try frame.fromGrid(try Geometry(g))
                let e = metric.envelope
                // Over terrain, a host's level is taken at the boundary vertex nearest to it, every 10 m.
                let boundary = terrain.map { _ in metric.segmentized(maxLength: 10).points }
                var bestKey: (Double, String)?
                for k in index.candidates(
                    Envelope(
                        minX: e.minX - radiusMetres, maxX: e.maxX + radiusMetres,
                        minY: e.minY - radiusMetres, maxY: e.maxY + radiusMetres))
                {
                    let site = sites[usable[k]]
                    let c = carriers.firstIndex(of: site.carrier)!
                    guard z.coveredBy & (1 << UInt8(c)) != 0 else { continue }
                    let p = (x: index.items[k].box.minX, y: index.items[k].box.minY)
                    guard p.x >= e.minX - radiusMetres, p.x <= e.maxX + radiusMetres,
                        p.y >= e.minY - radiusMetres, p.y <= e.maxY + radiusMetres
                    else { continue }
                    let d = metric.distance(to: Geometry(pointX: p.x, y: p.y))
                    let nearest = boundary.map { d > 0 ? PartialRemedies.nearest(of: $0, to: p) : p }
                    guard d <= radiusMetres,
                        let level = try reach(
                            site, at: p, carrier: c, scope: z.scope, nearest: nearest, distanceMetres: d)
                    else { continue }
                    if bestKey == nil || (d, site.id) < bestKey! {
                        bestKey = (d, site.id)
                        best = .colocate(site: usable[k], distanceMetres: d, levelDbm: level)
                    }
                }
            }
            for m in missing { row[m] = best }
            out.append(row)
        }
        return out
    }

    /// The site's best modelled level at the zone's nearest point, `distanceMetres` away, over the scope's
    /// technologies it radiates, when it reaches the carrier's threshold; nil when it does not. Over terrain the level
    /// is taken at `nearest`, the zone's point nearest the site.
    func reach(
        _ site: Site, at position: (x: Double, y: Double), carrier: Int, scope: TechnologyScope,
        nearest: (x: Double, y: Double)?, distanceMetres: Double
    ) throws -> Double? {
        var best: Double?
        for t in scope.technologies where site.technologies.contains(t) {
            guard let threshold = thresholds[carrier]?[t], let eirp = site.eirpDbm[t], let f = site.frequencyMHz[t]
            else { continue }
            let level =
                if let terrain, let nearest {
                    try terrain.level(
                        from: position, heightMetres: site.heightMetres, eirpDbm: eirp, frequencyMHz: f, to: nearest)
                } else {
                    eirp
                        - model.loss(
                            frequencyMHz: f, baseHeightMetres: site.heightMetres, distanceKm: distanceMetres / 1000)
                }
            if level >= threshold, level > (best ?? -.infinity) { best = level }
        }
        return best
    }

    /// The point of `points` nearest to `p`.
    static func nearest(of points: [(x: Double, y: Double)], to p: (x: Double, y: Double)) -> (x: Double, y: Double) {
        var best = p, bestD2 = Double.infinity
        for v in points {
            let d2 = (v.x - p.x) * (v.x - p.x) + (v.y - p.y) * (v.y - p.y)
            if d2 < bestD2 { (best, bestD2) = (v, d2) }
        }
        return best
    }
}
