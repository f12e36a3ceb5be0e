import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The predicates and score of one aerial cable segment (ngầm hóa).
struct SegmentAssessment {
    let segment: Int
    let commune: Int
    /// In an urban ward (phường): the commune under the segment's length-weighted centroid is a ward.
    let inWard: Bool
    /// Its road class is one of the configured main-road classes.
    let mainRoad: Bool
    /// Carriers with aerial cable along at least half of this segment within the corridor width, its owner included.
    let corridorCarriers: [String]
    /// Distance (m) to the nearest underground duct, nil when none lies within the duct distance.
    let ductMetres: Double?
    /// People per km² of the segment's commune.
    let density: Double

    /// Undergrounding is due by rule: in a ward, on a main road, or next to an existing duct.
    var isCandidate: Bool { inWard || mainRoad || ductMetres != nil }
    /// Length (km) × carriers in the corridor × people per km².
    func score(lengthMetres: Double) -> Double { lengthMetres / 1000 * Double(corridorCarriers.count) * density }
}

/// Candidate segments of one street in one commune, merged: what the department would ask carriers to put underground.
struct UndergroundCorridor {
    var commune: Int
    var roadName: String
    var roadClass: String
    var segments: [Int]
    var lengthMetres: Double
    var carriers: [String]
    var inWard: Bool
    var mainRoad: Bool
    var sharedCorridor: Bool
    var ductMetres: Double?
    var score: Double
}

/// Scores aerial cable segments by the undergrounding predicates and merges candidates into corridors per street.
struct UndergroundingScorer {
    let input: UndergroundingInput
    let communes: [Commune]
    /// People per km² by commune id.
    let density: [Int: Double]

    /// Assessments of every aerial segment inside a commune (`communeOf` gives each segment's commune, nil outside).
    func assess(_ segments: [CableSegment], communeOf: [Int?]) -> [SegmentAssessment] {
        var index = SpatialIndex<Int>(cell: max(500, input.corridorMetres * 10, input.ductDistanceMetres * 2))
        for (k, s) in segments.enumerated() { index.insert(k, box: s.metric.envelope) }
        let mainClasses = Set(input.mainRoadClasses.map { $0.lowercased() })
        var out: [SegmentAssessment] = []
        for (k, s) in segments.enumerated() where s.placement == .aerial {
            guard let commune = communeOf[k] else { continue }
            let e = s.metric.envelope
            let reach = max(input.corridorMetres, input.ductDistanceMetres)
            let near = index.candidates(
                Envelope(minX: e.minX - reach, maxX: e.maxX + reach, minY: e.minY - reach, maxY: e.maxY + reach))
            // Other carriers' aerial cable inside this segment's corridor, by carrier.
            var alongside: [String: Double] = [:]
            let corridor = s.metric.buffer(input.corridorMetres)
            var duct: Double?
            for m in near where m != k {
                let o = segments[m]
                if o.placement == .underground {
                    let d = s.metric.distance(to: o.metric)
                    if d >= 0, d <= input.ductDistanceMetres { duct = min(duct ?? d, d) }
                } else if o.owner != s.owner, let corridor, o.metric.envelope.intersects(corridor.envelope),
                    let shared = corridor.intersection(o.metric)
                {
                    alongside[o.owner, default: 0] += shared.planarLength
                }
            }
            let own = s.metric.planarLength
            let carriers = ([s.owner] + alongside.filter { $0.value >= 0.5 * own }.map(\.key)).sorted()
            out.append(
                SegmentAssessment(
                    segment: k, commune: commune, inWard: communes[commune - 1].kind == .ward,
                    mainRoad: mainClasses.contains(s.roadClass.lowercased()), corridorCarriers: carriers,
                    ductMetres: duct, density: density[commune] ?? 0))
        }
        return out
    }

    /// Candidate segments grouped by commune and street name (unnamed segments stay alone), ranked by score.
    func corridors(_ segments: [CableSegment], _ assessments: [SegmentAssessment]) -> [UndergroundCorridor] {
        var groups: [String: UndergroundCorridor] = [:]
        var order: [String] = []
        for a in assessments where a.isCandidate {
            let s = segments[a.segment]
            let name = NameKey.of(s.roadName)
            let key = "\(a.commune)|" + (name.isEmpty ? "#\(s.feature)" : name)
            if groups[key] == nil {
                order.append(key)
                groups[key] = UndergroundCorridor(
                    commune: a.commune, roadName: s.roadName, roadClass: s.roadClass, segments: [], lengthMetres: 0,
                    carriers: [], inWard: false, mainRoad: false, sharedCorridor: false, ductMetres: nil, score: 0)
            }
            var c = groups[key]!
            c.segments.append(a.segment)
            c.lengthMetres += s.lengthMetres
            c.carriers = Array(Set(c.carriers + a.corridorCarriers)).sorted()
            c.inWard = c.inWard || a.inWard
            c.mainRoad = c.mainRoad || a.mainRoad
            c.sharedCorridor = c.sharedCorridor || a.corridorCarriers.count > 1
            if let d = a.ductMetres { c.ductMetres = min(c.ductMetres ?? d, d) }
            c.score += a.score(lengthMetres: s.lengthMetres)
            if c.roadClass.isEmpty { c.roadClass = s.roadClass }
            groups[key] = c
        }
        // Highest score first; ties by commune, then street name, then first feature.
        return order.map { groups[$0]! }.sorted {
            ($0.score, -$0.commune, $0.roadName, -$0.segments[0]) > (
                $1.score, -$1.commune, $1.roadName, -$1.segments[0]
            )
        }
    }

    /// The predicates that hold for a corridor, as the analyst reads them.
    func reasons(_ c: UndergroundCorridor) -> String {
        var r: [String] = []
        if c.inWard { r.append("ward") }
        if c.mainRoad { r.append("main_road") }
        if c.sharedCorridor { r.append("shared_corridor(\(c.carriers.count))") }
        if let d = c.ductMetres { r.append("duct_within_\(Int(d.rounded()))m") }
        return r.joined(separator: ";")
    }
}
