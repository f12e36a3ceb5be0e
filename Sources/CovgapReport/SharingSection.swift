import CovgapSupport
import CovgapGrid
import CovgapModel
import CovgapPlanning
import Foundation

/// The report's section on infrastructure sharing and undergrounding, in the report's language.
struct SharingSection {
    let data: SharingReportData
    let language: ReportLanguage
    /// The technology the rest of the report shows.
    let focus: TechnologyScope
    /// Carrier id → display name.
    var carrierNames: [String: String] = [:]

    /// "viettel;vinaphone" as "Viettel, VinaPhone".
    private func carriers(_ list: String) -> String {
        list.split(separator: ";").map { carrierNames[String($0)] ?? String($0) }.joined(separator: ", ")
    }

    /// A corridor's reason codes ("ward;main_road;shared_corridor(2);duct_within_40m") in words.
    func reasons(_ codes: String) -> String {
        codes.split(separator: ";").map { code -> String in
            let c = String(code)
            if c == "ward" { return language == .vi ? "trong phường" : "in a ward" }
            if c == "main_road" { return language == .vi ? "trục đường chính" : "main road" }
            if c.hasPrefix("shared_corridor("), let n = Int(c.dropFirst(16).dropLast()) {
                return language == .vi ? "\(n) nhà mạng cùng tuyến" : "\(n) carriers on the route"
            }
            if c.hasPrefix("duct_within_"), let m = Int(c.dropFirst(12).dropLast()) {
                return language == .vi ? "cách cống bể sẵn có \(m) m" : "\(m) m from an existing duct"
            }
            return c
        }.joined(separator: "; ")
    }

    private func n(_ v: Double, _ d: Int = 0) -> String { language.number(v, decimals: d) }
    private func w(_ vi: String, _ en: String) -> String { HTML.escape(language == .vi ? vi : en) }
    private func cell(_ v: Double, _ d: Int = 0) -> String { "<td data-v=\"\(v)\">\(n(v, d))</td>" }
    /// A table's header row, each column named in the report's language.
    private func headerRow(_ names: [(vi: String, en: String)]) -> String {
        "<thead><tr>" + names.map { "<th>\(w($0.vi, $0.en))</th>" }.joined()
            + "</tr></thead>"
    }

    func html() -> String {
        let s = data.summary
        var h =
            "<h2 id=\"sharing\">"
            + w("Dùng chung hạ tầng và ngầm hóa", "Infrastructure sharing and undergrounding")
            + "</h2>\n<div class=\"figures\">"
        if let partial = s.partialNotspots[focus.rawValue] {
            h +=
                "<div class=\"figure\">\(HTML.escape(language.scope(focus)))"
                + "<b data-partial=\"\(partial)\">\(n(Double(partial)))</b>"
                + w(
                    "vùng chỉ một số nhà mạng phủ (lõm một phần)",
                    "partial not-spots (some carriers, not all)")
                + "</div>"
        }
        if !s.remedies.isEmpty {
            h +=
                "<div class=\"figure\"><b>\(n(Double(s.remedies["colocate"] ?? 0)))</b>"
                + "\(w("đề xuất lắp chung trạm", "co-location remedies"))<br>"
                + "\(n(Double(s.remedies["roaming"] ?? 0)))"
                + " \(w("đề xuất chuyển vùng quốc nội (roaming)", "roaming remedies"))</div>"
        }
        if s.sites > 0 {
            h +=
                "<div class=\"figure\"><b data-clusters=\"\(s.colocationClusters)\">"
                + "\(n(Double(s.colocationClusters)))</b>"
                + w(
                    "cụm trạm của nhiều nhà mạng có thể gộp",
                    "clusters of several carriers' sites to consolidate")
                + "<br>"
                + "\(n(Double(s.sitesInClusters))) / \(n(Double(s.sites))) \(w("trạm", "sites"))</div>"
        }
        if let m = s.sharedSites {
            h +=
                "<div class=\"figure\">\(HTML.escape(m.technology))<b data-masts=\"\(m.masts)\">"
                + "\(n(Double(m.masts)))</b>"
                + "\(w("trạm dùng chung mới đề xuất", "proposed new shared masts"))<br>"
                + "\(w("phủ", "cover")) \(n(m.peopleCoveredByMasts)) / \(n(m.deadZonePeople)) "
                + "\(w("người trong vùng lõm", "people in dead zones"))<br>"
                + "\(w("còn lại", "left")) <span data-people-left=\"\(Int(m.peopleLeftInDeadZones))\">"
                + "\(n(m.peopleLeftInDeadZones))</span><br><span data-footprint=\"\(m.radiusSource.rawValue)\">"
                + footprintNote(m) + "</span></div>"
        }
        if let u = s.undergrounding {
            h +=
                "<div class=\"figure\"><b>\(n(u.candidateKm, 1)) km</b>"
                + "\(w("cáp treo nên ngầm hóa", "aerial cable to put underground"))<br>"
                + "\(n(Double(u.corridors))) \(w("tuyến phố", "corridors")) · \(n(u.aerialKm, 1)) km "
                + "\(w("cáp treo", "aerial in all"))</div>"
        }
        h += "</div>\n"
        if !data.masts.isEmpty { h += mastTable() }
        if !data.corridors.isEmpty { h += corridorTable() }
        return h
    }

    /// How the masts' footprints were drawn: over the terrain, or as discs with terrain not modelled.
    private func footprintNote(_ m: SharedSiteTotals) -> String {
        if m.radiusSource.followsTerrain {
            var note =
                w("vùng phủ theo địa hình (DEM), tới ", "footprints over the terrain (DEM), out to ")
                + n(m.radiusKm) + " km"
            if let d = m.discPlan {
                note +=
                    "<br>"
                    + w("kế hoạch hình tròn (không tính địa hình): ", "a disc plan (no terrain): ")
                    + n(Double(d.masts)) + w(" trạm nhận phủ ", " masts claim ") + n(d.claimedPeople)
                    + w(" người; địa hình chỉ cho tới ", " people; over the terrain they reach ")
                    + n(d.reachedOverTerrainPeople) + " (" + n(100 * d.notReachedShare)
                    + w("% không tới)", "% not)")
            }
            return note
        }
        return w(
            "chưa tính địa hình: mỗi trạm phủ một hình tròn bán kính ",
            "terrain not modelled: each mast covers a disc of ")
            + n(m.radiusKm, 2) + " km"
    }

    private func mastTable() -> String {
        let header = SharingWriters.mastHeader
        func col(_ r: [String], _ name: String) -> String { r[header.firstIndex(of: name)!] }
        var h =
            "<h3>"
            + w(
                "Trạm dùng chung mới: 15 trạm đầu theo thứ tự chọn",
                "New shared masts: the first 15 in the order placed")
            + "</h3>\n<table class=\"sortable\" id=\"masts\">"
            + headerRow([
                ("Mã trạm", "Mast"), ("Xã, phường", "Commune"), ("Dân số thêm", "People added"),
                ("Diện tích thêm (km²)", "Area added (km²)"), ("Thôn trắng sóng", "White villages"),
                ("Lũy kế %", "Cumulative %"),
            ]) + "<tbody>"
        for r in data.masts.prefix(15) {
            h +=
                "<tr><td>\(HTML.escape(col(r, "site_id")))</td><td>\(HTML.escape(col(r, "commune_name")))</td>"
                + cell(Double(col(r, "gain_people")) ?? 0) + cell(Double(col(r, "gain_km2")) ?? 0, 2)
                + cell(Double(col(r, "gain_villages")) ?? 0) + cell(100 * (Double(col(r, "cumulative_share")) ?? 0), 1)
                + "</tr>"
        }
        return h + "</tbody></table>\n"
    }

    private func corridorTable() -> String {
        let header = SharingWriters.corridorHeader
        func col(_ r: [String], _ name: String) -> String { r[header.firstIndex(of: name)!] }
        var h =
            "<h3>\(w("Ngầm hóa: 15 tuyến ưu tiên", "Undergrounding: the 15 leading corridors"))</h3>\n"
            + "<table class=\"sortable\" id=\"corridors\">"
            + headerRow([
                ("Mã tuyến", "Corridor"), ("Tên đường", "Road"), ("Xã, phường", "Commune"), ("km", "km"),
                ("Nhà mạng", "Carriers"), ("Lý do", "Reasons"), ("Điểm", "Score"),
            ]) + "<tbody>"
        for r in data.corridors.prefix(15) {
            h +=
                "<tr><td>\(HTML.escape(col(r, "corridor_id")))</td><td>\(HTML.escape(col(r, "road_name")))</td>"
                + "<td>\(HTML.escape(col(r, "commune_name")))</td>" + cell(Double(col(r, "length_km")) ?? 0, 2)
                + "<td>\(HTML.escape(carriers(col(r, "carrier_list"))))</td>"
                + "<td>\(HTML.escape(reasons(col(r, "reasons"))))</td>"
                + cell(Double(col(r, "score")) ?? 0, 0) + "</tr>"
        }
        return h + "</tbody></table>\n"
    }
}
