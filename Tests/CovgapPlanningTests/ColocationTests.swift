import CovgapTestSupport
@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapPlanning
import Foundation
import Testing

/// Co-location clusters on hand-placed sites (metric positions): the ward and elsewhere distances, complete linkage,
/// and the rule that a cluster needs two carriers.
@Suite struct ColocationTests {
    static func site(_ id: String, _ carrier: String, shareable: Bool = true, height: Double = 30) -> Site {
        var s = Site(
            id: id, carrier: carrier, lon: 103, lat: 21, heightMetres: height, technologies: [.fourG], eirpDbm: [:],
            frequencyMHz: [:])
        s.shareable = shareable
        return s
    }

    /// Clusters of sites at x positions (y = 0) in commune 1 (a ward when `ward`) as sets of ids.
    static func clusters(_ placed: [(Site, Double)], ward: Bool) -> [Set<String>] {
        let sites = placed.map(\.0)
        let clusterer = ColocationClusterer(
            settings: ColocationSettings(wardDistanceMetres: 100, otherDistanceMetres: 300))
        return clusterer.clusters(
            sites: sites, positions: placed.map { (x: $0.1, y: 0.0) }, communes: sites.map { _ in 1 },
            wards: ward ? [1] : [], lonLat: { _ in (103, 21) }
        )
        .map { Set($0.members.map { sites[$0].id }) }
    }

    @Test func wardsUseTheShorterDistance() {
        let pair90 = [(ColocationTests.site("V1", "viettel"), 0.0), (ColocationTests.site("N1", "vinaphone"), 90)]
        let pair110 = [(ColocationTests.site("V1", "viettel"), 0.0), (ColocationTests.site("N1", "vinaphone"), 110)]
        let pair310 = [(ColocationTests.site("V1", "viettel"), 0.0), (ColocationTests.site("N1", "vinaphone"), 310)]
        #expect(ColocationTests.clusters(pair90, ward: true) == [["V1", "N1"]])
        #expect(ColocationTests.clusters(pair110, ward: true).isEmpty)  // 110 m > 100 m in a phường
        #expect(ColocationTests.clusters(pair110, ward: false) == [["V1", "N1"]])  // ≤ 300 m elsewhere
        #expect(ColocationTests.clusters(pair310, ward: false).isEmpty)
    }

    @Test func everyTwoMembersAreWithinTheDistance() {
        // A–B and B–C are 200 m apart, A–C 400 m: no chain; A–B join first (equal distances, lower ids).
        let chain = [
            (ColocationTests.site("A", "viettel"), 0.0), (ColocationTests.site("B", "vinaphone"), 200),
            (ColocationTests.site("C", "mobifone"), 400),
        ]
        #expect(ColocationTests.clusters(chain, ward: false) == [["A", "B"]])
        // Three carriers within 250 m of each other: one cluster.
        let tight = [
            (ColocationTests.site("A", "viettel"), 0.0), (ColocationTests.site("B", "vinaphone"), 120),
            (ColocationTests.site("C", "mobifone"), 250),
        ]
        #expect(ColocationTests.clusters(tight, ward: false) == [["A", "B", "C"]])
    }

    @Test func oneCarriersSitesAloneAreNoCluster() {
        let same = [(ColocationTests.site("V1", "viettel"), 0.0), (ColocationTests.site("V2", "viettel"), 20)]
        #expect(ColocationTests.clusters(same, ward: false).isEmpty)
    }

    @Test func theTallestShareableMemberIsTheSuggestedHost() {
        let sites = [
            ColocationTests.site("V1", "viettel", shareable: false, height: 60),
            ColocationTests.site("N1", "vinaphone", height: 36),
            ColocationTests.site("M1", "mobifone", height: 45),
        ]
        let cluster = ColocationCluster(
            members: [2, 1, 0], commune: 1, inWard: false, spanMetres: 50, lon: 103, lat: 21)
        let communes = [Commune(id: 1, code: "00001", name: "Xã Một", provinceCode: "11", provinceName: "Tỉnh")]
        let row = SharingWriters(communes: communes, carriers: ["viettel", "vinaphone", "mobifone"])
            .clusterRows(
                [cluster], sites: sites, settings: ColocationSettings(wardDistanceMetres: 100, otherDistanceMetres: 300)
            )[0]
        let h = SharingWriters.clusterHeader
        #expect(row[h.firstIndex(of: "suggested_host")!] == "M1")
        #expect(row[h.firstIndex(of: "shareable_site_ids")!] == "M1;N1")
        #expect(row[h.firstIndex(of: "cluster_id")!] == "CL-00001-1")
    }
}
