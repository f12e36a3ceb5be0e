import GDALBridge
import CovgapSupport
import CovgapModel
import Foundation

/// A group of sites of at least two carriers, every two of them within the cluster distance: a candidate to
/// consolidate on one mast (dùng chung hạ tầng).
public struct ColocationCluster: Sendable {
    /// Indices into the site inventory, ordered by site id.
    public var members: [Int]
    /// The commune (1-based id) of the first member.
    public var commune: Int
    /// True when the ward distance applied (some member lies in an urban ward).
    public var inWard: Bool
    /// The largest distance between two members (m).
    public var spanMetres: Double
    /// Mean position of the members (lon/lat).
    public var lon: Double, lat: Double
}

/// Complete-linkage clustering of sites under a distance that depends on where they stand: two sites may join when
/// they are within the ward distance (either in a phường) or the other distance (elsewhere), and two clusters merge
/// only when every pair across them may join. Pairs are taken shortest first (ties by site ids): deterministic.
struct ColocationClusterer {
    let settings: ColocationSettings

    /// `positions`: each site's metric position (nil = not placed, left out); `communes`: each site's commune id (nil =
    /// outside the run, left out); `wards`: the communes that are urban wards.
    func clusters(
        sites: [Site], positions: [(x: Double, y: Double)?], communes: [Int?], wards: Set<Int>,
        lonLat: (Int) -> (Double, Double)
    ) -> [ColocationCluster] {
        let placed = sites.indices.filter { positions[$0] != nil && communes[$0] != nil }
        let reach = max(settings.wardDistanceMetres, settings.otherDistanceMetres)
        var index = SpatialIndex<Int>(cell: reach)
        for i in placed { index.insert(i, x: positions[i]!.x, y: positions[i]!.y) }
        func inWard(_ i: Int) -> Bool { wards.contains(communes[i]!) }
        func limit(_ a: Int, _ b: Int) -> Double {
            inWard(a) || inWard(b) ? settings.wardDistanceMetres : settings.otherDistanceMetres
        }
        func distance(_ a: Int, _ b: Int) -> Double {
            let p = positions[a]!, q = positions[b]!
            return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        }
        // Candidate pairs within their own limit.
        var pairs: [(d: Double, a: Int, b: Int)] = []
        for (k, a) in placed.enumerated() {
            let p = positions[a]!
            for m in index.candidates(
                Envelope(minX: p.x - reach, maxX: p.x + reach, minY: p.y - reach, maxY: p.y + reach))
            where m > k {
                let b = placed[m]
                let d = distance(a, b)
                if d <= limit(a, b) { pairs.append((d, a, b)) }
            }
        }
        pairs.sort { ($0.d, sites[$0.a].id, sites[$0.b].id) < ($1.d, sites[$1.a].id, sites[$1.b].id) }
        var clusterOf = [Int](sites.indices)
        var members = sites.indices.map { [$0] }
        for (_, a, b) in pairs {
            let ca = clusterOf[a], cb = clusterOf[b]
            guard ca != cb else { continue }
            let fits = members[ca].allSatisfy { x in members[cb].allSatisfy { y in distance(x, y) <= limit(x, y) } }
            guard fits else { continue }
            let (keep, gone) = ca < cb ? (ca, cb) : (cb, ca)
            for x in members[gone] { clusterOf[x] = keep }
            members[keep] += members[gone]
            members[gone] = []
        }
        var out: [ColocationCluster] = []
        for group in members where group.count > 1 && Set(group.map { sites[$0].carrier }).count > 1 {
            let sorted = group.sorted { sites[$0].id < sites[$1].id }
            var span = 0.0
            for x in sorted { for y in sorted where x < y { span = max(span, distance(x, y)) } }
            let ll = sorted.map(lonLat)
            out.append(
                ColocationCluster(
                    members: sorted, commune: communes[sorted[0]]!, inWard: sorted.contains(where: inWard),
                    spanMetres: span, lon: ll.map(\.0).reduce(0, +) / Double(ll.count),
                    lat: ll.map(\.1).reduce(0, +) / Double(ll.count)))
        }
        // By commune, larger clusters first, then the first member's id.
        out.sort {
            ($0.commune, -$0.members.count, sites[$0.members[0]].id) < (
                $1.commune, -$1.members.count, sites[$1.members[0]].id
            )
        }
        return out
    }
}
