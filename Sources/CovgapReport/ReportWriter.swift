import CovgapSupport
import CovgapAnalysis
import CovgapKernel
import CovgapModel
import CovgapPlanning
import Foundation

/// Writes report.html: one self-contained page (styles, map image and sorting script inline; no network) with the
/// headline figures, the coverage map, a chart of coverage by commune and sortable tables, in Vietnamese or English.
public struct ReportWriter {
    let statistics: [CommuneStatistics]
    let zones: [DeadZone]
    let carriers: [String]
    let language: ReportLanguage
    let mapSVG: String
    /// The technology the map, chart and tables show (4G when the run has it).
    let focus: TechnologyScope
    let synthetic: Bool
    /// The run's villages (empty without a village layer).
    let villages: [VillageResult]
    /// Partial not-spots, co-location, shared masts and undergrounding (nil: not shown).
    var sharing: SharingReportData? = nil
    /// Carrier id → the name people read (`carrier_names`), for the ids in the sharing tables.
    var carrierNames: [String: String] = [:]
    /// The zoomable map under the static one (`ZoomableMap`; empty: none).
    var zoomMap: String = ""
    /// The day the report is dated (`CalendarDay.runDate`).
    var runDate: CalendarDay = .runDate()

    private func t(_ k: ReportLanguage.Key) -> String { HTML.escape(language.t(k)) }
    private func n(_ v: Double, _ d: Int = 0) -> String { language.number(v, decimals: d) }

    public func write(to path: String) throws {
        let provinces = Array(Set(statistics.map(\.commune.provinceName))).sorted()
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t(.title)): \(HTML.escape(provinces.joined(separator: ", ")))</title>
            <style>
            body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px\
             auto;max-width:960px;color:#222;line-height:1.4}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:19px;margin-top:28px;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 6px;border-bottom:1px solid\
             #e3e3e3;text-align:right}
            th{background:#f3f3f3;cursor:pointer}td:first-child,th:first-child{text-align:left}.note{color:#8a1c1c}
            .figures{display:flex;gap:16px;flex-wrap:wrap}.figure{border:1px solid #ddd;border-radius:6px;padding:10px\
             14px;min-width:170px}
            .figure b{display:block;font-size:24px}svg.map{max-width:100%;height:auto}
            .printfoot{display:none}@page{size:A4;margin:14mm 12mm}
            @media print{th{cursor:auto}.hint{display:none}body{margin:0;max-width:none}\
            h2,h3{break-after:avoid;page-break-after:avoid}tr,.figure,svg{break-inside:avoid;page-break-inside:avoid}\
            thead{display:table-header-group}.printfoot{display:block;position:fixed;bottom:0;left:0;right:0;\
            font-size:9px;color:#666;text-align:right}}
            </style></head><body>
            <h1>\(t(.title))</h1><p>\(HTML.escape(provinces.joined(separator: ", "))) ·\
             \(statistics.map(\.commune.code).reduce(into: Set<String>()) { $0.insert($1) }.count) \(t(.communeCount))\
             · <span id="dated">\(HTML.escape(language.dated(runDate)))</span></p>
            <div class="printfoot">covgap · \(HTML.escape(provinces.joined(separator: ", "))) ·\
             \(HTML.escape(language.dated(runDate)))</div>

            """
        if synthetic { html += "<p class=\"note\">\(t(.synthetic))</p>\n" }
        html +=
            headline() + "<h2>\(t(.map)) (\(HTML.escape(language.scope(focus))))</h2>\n" + mapSVG + "\n" + zoomMap
            + chart()
            + worstCommunes()
            + largestZones() + villageTable()
            + (sharing.map {
                SharingSection(data: $0, language: language, focus: focus, carrierNames: carrierNames).html()
            } ?? "")
        html += """
            <p class="hint">\(t(.sortHint))</p>
            <script>
            document.querySelectorAll("table.sortable th").forEach(function (th, i) {
              th.addEventListener("click", function () {
                var table = th.closest("table"), body = table.tBodies[0], rows = Array.from(body.rows);
                var dir = th.dataset.dir === "asc" ? -1 : 1; th.dataset.dir = dir === 1 ? "asc" : "desc";
                rows.sort(function (a, b) {
                  var x = a.cells[th.cellIndex].dataset.v, y = b.cells[th.cellIndex].dataset.v;
                  if (x !== undefined && y !== undefined) return dir * (parseFloat(x) - parseFloat(y));
                  return dir * a.cells[th.cellIndex].textContent.localeCompare(b.cells[th.cellIndex].textContent, "vi");
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
            </script>
            </body></html>

            """
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A numeric cell: shown formatted, sorted by its raw value.
    private func cell(_ v: Double, _ d: Int = 0) -> String { "<td data-v=\"\(v)\">\(n(v, d))</td>" }

    private func headline() -> String {
        var s = "<h2>\(t(.headline))</h2>\n<div class=\"figures\">"
        let scopes = TechnologyScope.allCases.filter { sc in statistics.contains { $0.scope == sc } }
        for sc in scopes {
            let rows = statistics.filter { $0.scope == sc }
            let people = rows.reduce(0) { $0 + $1.populationNotspotTotal },
                area = rows.reduce(0) { $0 + $1.notspotTotalKm2 }
            s +=
                "<div class=\"figure\" data-scope=\"\(sc.rawValue)\">\(HTML.escape(language.scope(sc)))<b "
                + "data-people-without=\"\(Int(people.rounded()))\">\(n(people))</b>"
                + "\(t(.peopleWithout))<br>\(n(area, 2)) km²</div>"
        }
        s +=
            "</div>\n<h2>\(t(.carrierCoverage)) "
            + "(\(HTML.escape(language.scope(focus))))</h2>\n<table><thead><tr><th>\(t(.carrier))</th>"
            + "<th>\(t(.peopleWithout))</th><th>"
            + "\(t(.areaWithout))</th>"
            + "<th>\(t(.pctPeopleCovered))</th><th>\(t(.pctAreaCovered))</th></tr></thead><tbody>"
        let rows = statistics.filter { $0.scope == focus }
        let people = rows.reduce(0) { $0 + $1.population }, area = rows.reduce(0) { $0 + $1.areaKm2 }
        for (c, carrier) in carriers.enumerated() {
            let p = rows.reduce(0) { $0 + ($1.carriers[c]?.population ?? 0) },
                a = rows.reduce(0) { $0 + ($1.carriers[c]?.km2 ?? 0) }
            s +=
                "<tr><td>\(HTML.escape(carrier))</td>\(cell((people - p).rounded()))\(cell(area - a, 2))"
                + "\(cell(people > 0 ? 100 * p / people : 0, 1))\(cell(area > 0 ? 100 * a / area : 0, 1))</tr>"
        }
        return s + "</tbody></table>\n"
    }

    /// Horizontal bars: share of people covered per commune, least covered first (at most 60).
    private func chart() -> String {
        let rows = statistics.filter { $0.scope == focus }.sorted {
            ($0.pctPopulationCovered, $0.commune.code) < ($1.pctPopulationCovered, $1.commune.code)
        }.prefix(60)
        let h = 16, w = 900, label = 190
        var s =
            "<h2>\(t(.chart)) (\(HTML.escape(language.scope(focus))))</h2>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
            + "viewBox=\"0 0 \(w) \(rows.count * h + 20)\" width=\"\(w)\">"
        for (i, r) in rows.enumerated() {
            let y = i * h, len = Double(w - label - 60) * r.pctPopulationCovered / 100
            s +=
                "<text x=\"\(label - 6)\" y=\"\(y + 12)\" font-size=\"11\" "
                + "text-anchor=\"end\">\(HTML.escape(r.commune.name))</text>"
            s += String(
                format: "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#2e8b57\"/>", label, y + 2, len)
            s += String(
                format: "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%@%%</text>", Double(label) + len + 4, y + 12,
                n(r.pctPopulationCovered, 1))
        }
        return s + "</svg>\n"
    }

    private func worstCommunes() -> String {
        let rows = statistics.filter { $0.scope == focus }.sorted {
            ($1.populationNotspotTotal, $0.commune.code) < ($0.populationNotspotTotal, $1.commune.code)
        }.prefix(20)
        let villages = rows.contains { $0.villages != nil }
        var s =
            "<h2>\(t(.worst)) (\(HTML.escape(language.scope(focus))))</h2>\n<table class=\"sortable\" "
            + "id=\"worst\"><thead><tr><th>\(t(.commune))</th><th>\(t(.province))</th>"
            + "<th>\(t(.peopleWithout))</th><th>\(t(.pctPeopleCovered))</th><th>\(t(.areaWithout))</th><th>"
            + "\(t(.deadZones))</th>"
            + (villages ? "<th>\(t(.whiteVillages))</th><th>\(t(.weakVillages))</th>" : "") + "</tr></thead><tbody>"
        for r in rows {
            s +=
                "<tr><td>\(HTML.escape(r.commune.name)) "
                + "(\(r.commune.code))</td><td>\(HTML.escape(r.commune.provinceName))</td>"
                + cell(r.populationNotspotTotal.rounded()) + cell(r.pctPopulationCovered, 1)
                + cell(r.notspotTotalKm2, 2) + cell(Double(r.deadZoneCount))
                + (villages ? cell(Double(r.villages?.white ?? 0)) + cell(Double(r.villages?.weak ?? 0)) : "") + "</tr>"
        }
        return s + "</tbody></table>\n"
    }

    /// White and weak villages (of the focus technology), most households first, at most 50.
    private func villageTable() -> String {
        guard let s0 = TechnologyScope.allCases.firstIndex(of: focus) else { return "" }
        let listed = villages.filter { $0.classes[s0] == .white || $0.classes[s0] == .weak }
            .sorted { ($1.village.households ?? 0, $0.village.code) < ($0.village.households ?? 0, $1.village.code) }
            .prefix(50)
        guard !listed.isEmpty else { return "" }
        let names = Dictionary(statistics.map { ($0.commune.id, $0.commune) }, uniquingKeysWith: { a, _ in a })
        var s =
            "<h2>\(t(.villages)) (\(HTML.escape(language.scope(focus))))</h2>\n<table class=\"sortable\" "
            + "id=\"villages\"><thead><tr><th>\(t(.village))</th>"
            + "<th>\(t(.commune))</th><th>\(t(.villageClass))</th><th>\(t(.households))</th></tr></thead><tbody>"
        for r in listed {
            s +=
                "<tr><td>\(HTML.escape(r.village.name)) (\(HTML.escape(r.village.code)))</td>"
                + "<td>\(HTML.escape(r.communeID.flatMap { names[$0]?.name } ?? ""))</td>"
                + "<td>\(t(r.classes[s0] == .white ? .white : .weak))</td>" + cell(Double(r.village.households ?? 0))
                + "</tr>"
        }
        return s + "</tbody></table>\n"
    }

    /// A zone id, a link to the zoomable map when the report has one.
    private func zoneLink(_ id: String) -> String {
        let text = HTML.escape(id)
        return zoomMap.isEmpty ? text : "<a href=\"#zoommap\" data-zone=\"\(text)\">\(text)</a>"
    }

    private func largestZones() -> String {
        let names = Dictionary(statistics.map { ($0.commune.id, $0.commune) }, uniquingKeysWith: { a, _ in a })
        let rows = zones.filter { $0.scope == focus }.sorted {
            ($1.piece.population, $0.rasterValue) < ($0.piece.population, $1.rasterValue)
        }.prefix(20)
        var s =
            "<h2>\(t(.zones)) (\(HTML.escape(language.scope(focus))))</h2>\n<table class=\"sortable\" "
            + "id=\"zones\"><thead><tr><th>\(t(.zone))</th><th>\(t(.commune))</th>"
            + "<th>\(t(.people))</th><th>\(t(.area))</th></tr></thead><tbody>"
        for z in rows {
            let c = names[z.commune]
            s +=
                "<tr><td>\(zoneLink("DZ-\(z.scope.rawValue)-\(c?.code ?? "")-\(z.number)"))</td>"
                + "<td>\(HTML.escape(c?.name ?? ""))</td>"
                + cell((Double(z.piece.population) / CommuneTally.populationScale).rounded())
                + cell(Double(z.piece.area) / CommuneTally.areaScale / 1e6, 2) + "</tr>"
        }
        return s + "</tbody></table>\n"
    }

    /// Memberwise: every stored property, in declaration order.
    public init(
        statistics: [CommuneStatistics], zones: [DeadZone], carriers: [String], language: ReportLanguage,
        mapSVG: String, focus: TechnologyScope, synthetic: Bool, villages: [VillageResult],
        sharing: SharingReportData? = nil, carrierNames: [String: String] = [:], zoomMap: String = ""
    ) {
        self.carrierNames = carrierNames
        self.zoomMap = zoomMap
        self.statistics = statistics
        self.zones = zones
        self.carriers = carriers
        self.language = language
        self.mapSVG = mapSVG
        self.focus = focus
        self.synthetic = synthetic
        self.villages = villages
        self.sharing = sharing
    }
}
