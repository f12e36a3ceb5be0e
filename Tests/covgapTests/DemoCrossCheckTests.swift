import CovgapTestSupport
@testable import CovgapAnalyze
@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapPlanning
@testable import CovgapReview
@testable import CovgapSimulate
import CovgapSupport
import Foundation
import GDALBridge
import Testing

/// The demo province (Điện Biên, 45 real communes) with coverage simulated at 300 m, analyzed at 100 m, checked
/// against independent tools computed here: GDAL's command-line utilities, exactextract, PROJ's geodesic areas.
@Suite(.serialized) struct DemoCrossCheckTests {
    @Test func demoHoldsAgainstIndependentTools() throws {
        let f = try Fixture()
        try DemoScenario.prepare(f)
        var cfg = try ConfigLoader.load(path: f.path("config.yaml"))
        for threads in [1, 2, 4] {
            cfg.output = f.path("out_\(threads)")
            _ = try AnalysisRun(config: cfg, threads: threads, logger: .init(label: "test")).run()
        }
        // Determinism: every output byte-identical whatever the thread count (the manifest's timings aside).
        let names = try FileManager.default.contentsOfDirectory(atPath: f.path("out_1")).filter {
            $0 != "manifest.json"
        }.sorted()
        #expect(names.count == 34, "\(names)")
        for name in names {
            let one = try Data(contentsOf: URL(fileURLWithPath: f.path("out_1/\(name)")))
            for threads in [2, 4] {
                #expect(
                    one == (try Data(contentsOf: URL(fileURLWithPath: f.path("out_\(threads)/\(name)")))),
                    "\(name), \(threads) threads")
            }
        }
        let out = f.path("out_2")
        let rows = try Fixture.readCSV(out + "/commune_stats.csv")
        #expect(rows.count == 45 * 3)

        // Invariant: covered_any + notspot_total = area, every row (each value rounded to 4 decimals).
        for r in rows {
            let sum = Double(r["covered_any_km2"]!)! + Double(r["notspot_total_km2"]!)!
            #expect(abs(sum - Double(r["area_km2"]!)!) <= 0.00015, "\(r["commune_code"]!) \(r["technology"]!)")
        }
        let anyRows = rows.filter { $0["technology"] == "ANY" }

        // Area: within 0.5% of the communes' geodesic area (PROJ geodesic on the polygons).
        let ds = try VectorDataset.open(DemoScenario.geodata + "/vn2025_communes_11_dien_bien.geojson")
        let layer = try ds.layer(named: nil)
        var geodesicKm2 = 0.0
        while let feature = layer.nextFeature() { geodesicKm2 += Geodesic.area(ofLonLat: feature.geometry!) / 1e6 }
        let gridKm2 = anyRows.reduce(0) { $0 + Double($1["area_km2"]!)! }
        #expect(abs(gridKm2 / geodesicKm2 - 1) < 0.005, "grid \(gridKm2) km² vs geodesic \(geodesicKm2) km²")

        // Population: within 0.5% of exactextract's sum of the WorldPop raster over the same communes.
        let script = """
            import json, rasterio
            from exactextract import exact_extract
            fc = json.load(open('\(DemoScenario.geodata)/vn2025_communes_11_dien_bien.geojson'))
            with rasterio.open('\(DemoScenario.geodata)/worldpop_2020_1km_dien_bien.tif') as r:
                print(sum(f['properties']['sum'] for f in exact_extract(r, fc['features'], 'sum')))
            """
        let exact = try #require(
            Double(try ExternalTools.run("python3", ["-c", script]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let ours = anyRows.reduce(0) { $0 + Double($1["population"]!)! }
        #expect(abs(ours / exact - 1) < 0.005, "covgap \(ours) vs exactextract \(exact)")

        try crossCheckWithGDALCommandLine(f, out: out, config: cfg, rows: rows)
        try checkOneNamedCRS(out: out)
        try checkCommuneLayer(out: out, rows: rows)
        try checkCoverageClasses(out: out, rows: rows)
        try checkQGISProject(f, out: out, rows: rows)
        try checkQGISDesktop(f, out: out)
        try checkWorkbook(f, out: out, rows: rows)
        try checkRunReadme(out: out)
        try reviewsTheDemoSubmission(out: out)
        try issuesWorkOrders(out: out)
        #expect(try GeometryChecks.check([out]) > 40_000, "every polygon of the run, its review and its work orders")
        try ReportChecks.check(out: out, communes: 45)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("mô phỏng"), "the demo's report says its coverage is simulated")
        // Carriers by the names people know, reasons in words, ANY in words, an A4 page when printed.
        #expect(report.contains(">Viettel<") && !report.contains(">viettel<") && !report.contains("viettel;"))
        #expect(report.contains("trục đường chính") && !report.contains("main_road"))
        #expect(report.contains("mọi công nghệ") && !report.contains(">ANY<"))
        #expect(report.contains("@page{size:A4"))
        try checkReportMap(f, out: out, rows: rows)
        try checkPrintedReport(f, out: out)
    }

    /// Every output in the grid CRS reads back with one CRS, by its name, as GDAL (and through it QGIS) sees it: the
    /// GeoPackage's layers and the GeoTIFFs alike, equal as WKT2 (what QGIS compares).
    func checkOneNamedCRS(out: String) throws {
        let gpkg = try VectorDataset.open(out + "/coverage.gpkg")
        var crss: [(String, SpatialReference)] = []
        for name in ["communes", "dead_zones", "partial_notspots"] {
            crss.append((name, try #require(try gpkg.layer(named: name).spatialReference)))
        }
        for name in ["coverage_bits.tif", "communes.tif"] {
            crss.append((name, try #require(try RasterDataset.open(out + "/" + name).spatialReference)))
        }
        for (name, srs) in crss {
            #expect(srs.name == "Albers equal-area, Dien Bien (covgap)", "\(name): \(srs.name)")
            #expect(srs.wkt == crss[0].1.wkt, "\(name) reads back a CRS unlike the communes layer's")
        }
    }

    /// coverage.gpkg's communes carry every technology's figures, equal to commune_stats.csv's rows.
    func checkCommuneLayer(out: String, rows: [[String: String]]) throws {
        let layer = try VectorDataset.open(out + "/coverage.gpkg").layer(named: "communes")
        var n = 0
        while let f = layer.nextFeature() {
            n += 1
            let codeIndex = try #require(layer.fieldIndex("commune_code"))
            let code = try #require(f.string(codeIndex))
            for t in ["3G", "4G", "ANY"] {
                let row = try #require(rows.row(code, t))
                // The CSV rounds: km² to 4 decimals, shares to 2, people to whole numbers.
                for (key, rounding) in [
                    ("notspot_total_km2", 0.00005), ("pct_population_covered", 0.005),
                    ("population_notspot_total", 0.5),
                ] {
                    let value = f.double(try #require(layer.fieldIndex("\(key)_\(t.lowercased())")))
                    #expect(abs((value ?? .nan) - Double(row[key]!)!) <= rounding * 1.001, "\(code) \(key) \(t)")
                }
                let zones = f.double(try #require(layer.fieldIndex("dead_zone_count_\(t.lowercased())")))
                #expect(zones == Double(row["dead_zone_count"]!), "\(code) \(t)")
            }
        }
        #expect(n == 45)
    }

    /// The classified rasters read by rasterio: the cells of each class, times the 100 m cell's 0.01 km², sum to the
    /// statistics' areas per technology (all carriers = covered_all, all + some = covered_any, none = notspot_total),
    /// nothing is classed outside the communes, and the colour table holds the classes' colours.
    func checkCoverageClasses(out: String, rows: [[String: String]]) throws {
        let script = """
            import json, rasterio
            res = {}
            for t in ['3g', '4g', 'any']:
                with rasterio.open('\(out)/coverage_classes_' + t + '.tif') as r:
                    a = r.read(1)
                    res[t] = {'counts': [int((a == v).sum()) for v in range(5)], 'nodata': r.nodata,
                              'colors': [list(r.colormap(1)[v]) for v in range(5)]}
            print(json.dumps(res))
            """
        let output = try ExternalTools.run("python3", ["-c", script])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]])
        for technology in ["3G", "4G", "ANY"] {
            let r = try #require(result[technology.lowercased()])
            let counts = try #require(r["counts"] as? [Int]).map { Double($0) * 0.01 }
            let stats = rows.filter { $0["technology"] == technology }
            let sum = { (key: String) in stats.reduce(0) { $0 + Double($1[key]!)! } }
            #expect(abs(counts[1] - sum("covered_all_km2")) < 0.01, "\(technology): all")
            #expect(abs(counts[1] + counts[2] - sum("covered_any_km2")) < 0.01, "\(technology): any")
            #expect(abs(counts[3] - sum("notspot_total_km2")) < 0.01, "\(technology): none")
            #expect(abs(counts[1...3].reduce(0, +) - sum("area_km2")) < 0.01, "\(technology): known area")
            #expect(r["nodata"] as? Double == 0)
            #expect(
                try #require(r["colors"] as? [[Int]])
                    == [
                        [255, 255, 255, 0], [46, 139, 87, 255], [240, 180, 41, 255], [200, 30, 45, 255],
                        [150, 150, 150, 255],
                    ])
        }
    }

    /// The run folder moved elsewhere and opened in real QGIS 3.22 (`scripts/check_qgis_project.py`): the project
    /// reads, names the run's CRS, every layer is valid and styled, fields keep their types and carry the glossary's
    /// aliases, each technology's dead-zone layer holds that technology's zones, and the ticked classes raster draws
    /// only the classes' colours, in the statistics' proportions.
    func checkQGISProject(_ f: Fixture, out: String, rows: [[String: String]]) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_qgis_project.py").path
        let output = try ExternalTools.run("/usr/bin/python3", [script, out, f.dir.path])
        let r = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(r["read"] as? Bool == true)
        #expect(r["title"] as? String == "covgap: Điện Biên")
        #expect(r["crs"] as? String == "Albers equal-area, Dien Bien (covgap)")
        let layers = try #require(r["layers"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: layers.map { ($0["name"] as! String, $0) })
        #expect(layers.count == 14, "\(byName.keys.sorted())")
        for l in layers { #expect(l["valid"] as? Bool == true, "\(l["name"]!) is not valid in QGIS") }
        let communes = try #require(byName["Ranh giới xã"])
        let types = try #require(communes["fields"] as? [String: String])
        #expect(types["commune_code"] == "String" && types["area_km2"] == "Real", "\(types)")
        #expect((communes["aliases"] as? [String: String])?["commune_name"] == "Tên xã")
        for t in ["3G", "4G", "ANY"] {
            let zones = rows.filter { $0["technology"] == t }.reduce(0) { $0 + Int($1["dead_zone_count"]!)! }
            let layer = try #require(byName["Vùng lõm sóng \(t)"])
            #expect(layer["features"] as? Int == zones, "\(t)")
            #expect(layer["visible"] as? Bool == (t == "4G"))
            #expect(layer["crs"] as? String == "Albers equal-area, Dien Bien (covgap)")
            #expect((try #require(byName["Mức phủ sóng \(t)"]))["renderer"] as? String == "paletted")
        }
        let shared = try #require(byName["Trạm dùng chung đề xuất"]?["fields"] as? [String: String])
        #expect(shared["rank"] == "Integer" && shared["gain_people"] == "Integer", "\(shared)")
        let csv = try #require(r["csv"] as? [String: Any])
        #expect(csv["commune_code"] as? String == "text" && csv["area_km2"] as? String == "double", "\(csv)")
        #expect(csv["joined"] as? Int == 45, "commune_stats.csv joined to the communes: \(csv)")
        let pixels = try #require(r["class_pixels"] as? [String: Int])
        #expect(pixels["all"]! > 0 && pixels["some"]! > 0 && pixels["none"]! > 0, "\(pixels)")
        #expect(pixels["other"] == 0 && pixels["unknown"] == 0, "\(pixels)")
        let fourG = rows.filter { $0["technology"] == "4G" }
        let share = { (key: String) in
            fourG.reduce(0) { $0 + Double($1[key]!)! } / fourG.reduce(0) { $0 + Double($1["area_km2"]!)! }
        }
        let drawn = Double(pixels["all"]! + pixels["some"]! + pixels["none"]!)
        #expect(abs(Double(pixels["all"]!) / drawn - share("covered_all_km2")) < 0.01, "\(pixels)")
        #expect(abs(Double(pixels["none"]!) / drawn - share("notspot_total_km2")) < 0.01, "\(pixels)")
    }

    /// The run's project opened by the QGIS desktop application, as a double-click would
    /// (`scripts/check_qgis_desktop.py`: `qgis --project … --snapshot` under xvfb-run, the run folder moved): the
    /// window's map is drawn, with the coverage classes and the 4G dead zones in their colours.
    func checkQGISDesktop(_ f: Fixture, out: String) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_qgis_desktop.py").path
        let output = try ExternalTools.run("/usr/bin/python3", [script, out, f.dir.path])
        let r = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(r["snapshot"] as? Bool == true && r["timed_out"] as? Bool == false, "\(r)")
        let pixels = r["class_pixels"] as? [String: Int] ?? [:]
        // "none" shows where no dead-zone polygon covers it (zones under the minimum area); the zones' fill over it.
        #expect(pixels["all"] ?? 0 > 0 && pixels["some"] ?? 0 > 0 && pixels["dead_zone"] ?? 0 > 0, "\(r)")
        #expect((r["blank_share"] as? Double ?? 1) < 0.9, "the map is drawn: \(r)")
    }

    /// report.html in Chromium (`scripts/check_report_map.py`, selenium): the zoomable map draws every commune, every
    /// 4G dead zone, the 4G white and weak villages and the proposed masts, and the other technologies' zones once
    /// switched on in its legend, each counted against the run's CSVs; the largest zone's id in the table shows its
    /// layer again and opens its popup with the table's figures; a village's and a mast's popups name them; and the
    /// page fetches nothing and logs nothing to the console.
    func checkReportMap(_ f: Fixture, out: String, rows: [[String: String]]) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_report_map.py").path
        let output = try ExternalTools.run("python3", [script, out + "/report.html", f.path("report_map.png")])
        let r = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        func zones(_ tech: String) -> Int {
            rows.filter { $0["technology"] == tech }.reduce(0) { $0 + Int($1["dead_zone_count"]!)! }
        }
        let villages = try Fixture.readCSV(out + "/villages.csv")
        let masts = try Fixture.readCSV(out + "/shared_sites.csv")
        let white = villages.filter { $0["class_4G"] == "white" }, weak = villages.filter { $0["class_4G"] == "weak" }
        let shown = ["communes": 45, "4G": zones("4G"), "white": white.count, "weak": weak.count, "masts": masts.count]
        #expect(r["drawn"] as? [String: Int] == shown, "\(r)")
        #expect(
            r["drawn_all"] as? [String: Int] == shown.merging(["3G": zones("3G"), "ANY": zones("ANY")]) { a, _ in a })
        #expect((r["drawn_focus_off"] as? [String: Int])?["4G"] == nil)
        #expect(r["drawn_after_link"] as? [String: Int] == shown, "the zone's link shows its layer again")
        #expect(
            r["legend"] as? [String] == [
                "Vùng lõm sóng 4G", "Vùng lõm sóng 3G", "Vùng lõm sóng mọi công nghệ",
                "Thôn trắng sóng 4G (\(white.count))",
                "Thôn sóng yếu 4G (\(weak.count))", "Trạm dùng chung đề xuất (\(masts.count))",
            ])
        let row = try #require(r["row"] as? [String])
        let popup = try #require(r["popup"] as? String)
        #expect(row.count == 4 && popup.hasPrefix(row[0] + "\n" + row[1]), "\(popup) vs \(row)")
        #expect(popup.contains(row[2]) && popup.contains(row[3] + " km²"), "\(popup) vs \(row)")
        #expect((r["popup_white"] as? String)?.hasPrefix(white.map { $0["village_name"]! }.first ?? "?") == true)
        #expect(
            (r["popup_masts"] as? String)?.hasPrefix(masts[0]["site_id"]! + "\n" + masts[0]["commune_name"]!) == true)
        #expect((r["resources"] as? [String])?.isEmpty == true && (r["console"] as? [String])?.isEmpty == true, "\(r)")
    }

    /// report.html printed by Chromium to PDF, read back by poppler's pdfinfo and pdftotext: A4 pages, each with the
    /// run's date and quarter at its foot.
    func checkPrintedReport(_ f: Fixture, out: String) throws {
        let pdf = f.path("report.pdf")
        _ = try ExternalTools.run(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
                "file://" + out + "/report.html",
            ])
        let info = try ExternalTools.run("pdfinfo", [pdf])
        #expect(info.contains("(A4)"), "\(info)")
        let pages = try #require(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
        )
        #expect(pages > 3)
        let quarter = "quý \(["I", "II", "III", "IV"][CalendarDay.runDate().quarter - 1])/"
        for page in 1...pages {
            let text = try ExternalTools.run("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"])
            #expect(text.contains("covgap · Điện Biên · Lập ngày") && text.contains(quarter), "page \(page)")
        }
    }

    /// coverage.xlsx read by LibreOffice Calc (headless, every sheet exported as CSV with text cells quoted): each
    /// technology's sheet holds commune_stats.csv's rows with codes as text and figures as numbers of the same value,
    /// and the glossary names each column.
    func checkWorkbook(_ f: Fixture, out: String, rows: [[String: String]]) throws {
        let folder = f.path("calc")
        _ = try ExternalTools.run(
            "soffice",
            [
                "--headless", "--norestore", "-env:UserInstallation=file://" + f.path("calc-profile"), "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066,true,true,false,false,false,-1",
                out + "/coverage.xlsx", "--outdir", folder,
            ])
        let sheet = { (name: String) throws -> [[String]] in
            try CSVRecords.parse(String(contentsOfFile: folder + "/coverage-\(name).csv", encoding: .utf8)).map(
                \.fields)
        }
        let raw = { (name: String) throws -> [String] in
            try String(contentsOfFile: folder + "/coverage-\(name).csv", encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
        for (t, name) in [("3G", "Thống kê 3G"), ("4G", "Thống kê 4G"), ("ANY", "Thống kê chung (ANY)")] {
            let cells = try sheet(name), lines = try raw(name)
            let expected = rows.filter { $0["technology"] == t }
            #expect(cells.count == expected.count + 1, "\(name)")
            let header = cells[0]
            let code = try #require(header.firstIndex(of: "commune_code")),
                area = try #require(header.firstIndex(of: "area_km2"))
            for (i, row) in expected.enumerated() {
                #expect(cells[i + 1][code] == row["commune_code"], "\(name) row \(i + 1)")
                #expect(abs(Double(cells[i + 1][area])! - Double(row["area_km2"]!)!) < 1e-9, "\(name) row \(i + 1)")
                // Text cells are quoted in the export, numbers are not.
                #expect(lines[i + 1].contains("\"\(row["commune_code"]!)\""), "\(name): code not text")
                #expect(!lines[i + 1].contains("\"\(cells[i + 1][area])\""), "\(name): area not a number")
            }
        }
        let glossary = try sheet("Giải thích cột")
        #expect(glossary.contains(["commune_name", "Tên xã", "commune name"]))
        #expect(try sheet("Vùng lõm sóng").count == 1 + rows.reduce(0) { $0 + Int($1["dead_zone_count"]!)! })
        try checkWorkbookLayout(out: out, rows: rows)
    }

    /// coverage.xlsx as openpyxl (an independent reader of the format) sees it: every sheet opens with its header row
    /// bold and frozen and a filter over exactly the cells it holds.
    func checkWorkbookLayout(out: String, rows: [[String: String]]) throws {
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({ws.title: [ws.freeze_panes, ws.auto_filter.ref, bool(ws["A1"].font.b),
                bool(ws["A2"].font.b), f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"]
                for ws in wb.worksheets}, ensure_ascii=False))
            """
        let output = try ExternalTools.run("python3", ["-c", script, out + "/coverage.xlsx"])
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Any]])
        #expect(sheets.count == 9, "\(sheets.keys)")
        for (name, v) in sheets {
            #expect(v[0] as? String == "A2" && v[2] as? Bool == true && v[3] as? Bool == false, "\(name): \(v)")
            #expect(v[1] as? String == v[4] as? String, "\(name): the filter covers the table: \(v)")
        }
        #expect(sheets["Thống kê 4G"]?[1] as? String == "A1:AA\(rows.filter { $0["technology"] == "4G" }.count + 1)")
    }

    /// README.txt names every file of the run with the SHA-256 that `sha256sum` finds, and manifest.json names the
    /// inputs relative to the run, each of which is there from the run folder.
    func checkRunReadme(out: String) throws {
        let readme = try String(contentsOfFile: out + "/README.txt", encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { name in
            var folder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &folder)
            return !["README.txt", "manifest.json"].contains(name) && !folder.boolValue
        }
        #expect(files.count == 33)
        for name in files {
            let sha = String(try ExternalTools.run("sha256sum", [out + "/" + name]).prefix(64))
            #expect(readme.contains("\(name) ("), "\(name) is not in README.txt")
            #expect(readme.contains("SHA-256 \(sha)"), "\(name): \(sha) is not in README.txt")
        }
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
                as? [String: Any])
        for input in try #require(manifest["inputs"] as? [[String: Any]]) {
            let path = try #require(input["path"] as? String)
            #expect(!path.hasPrefix("/"), "\(path) is absolute")
            #expect(FileManager.default.fileExists(atPath: out + "/" + path), "\(path) is not there from the run")
        }
    }

    /// The committed demo submission (BOM, CRLF) against this run: every row accounted for, each planted mistake
    /// rejected for its own reason (rows 19–24), every other row accepted with a verdict.
    func reviewsTheDemoSubmission(out: String) throws {
        let summary = try ReviewRun(
            runPath: out, submissionPath: DemoScenario.geodata + "/review_submission_11_synthetic.csv",
            outputPath: nil, settings: ReviewSettings(), logger: .init(label: "test")
        ).run()
        #expect(summary.rowsRead == 24 && summary.accepted == 18 && summary.rejected == 6)
        let rejected = try Fixture.readCSV(out + "/review_11/rejected.csv")
        #expect(
            rejected.map { "\($0["row"]!) \($0["reason_codes"]!)" } == [
                "19 swapped_coordinates", "20 unknown_commune_code", "21 duplicate", "22 outside_province",
                "23 missing_field", "24 unknown_technology",
            ])
        let reconciled = try Fixture.readCSV(out + "/review_11/reconciled.csv")
        #expect(
            reconciled.count == 18
                && reconciled.allSatisfy { ["confirmed", "model_covered", "partial"].contains($0["verdict"]!) })
        #expect(
            reconciled.first?["village_name"]?.hasPrefix("Bản") == true, "Vietnamese names survive the BOM and CRLF")
    }

    /// Work orders for the demo run and its review: one lead order per item, optimal no worse than greedy, every
    /// carrier's GeoJSON valid for the `geojson` package (PyPI, an independent validator) and opened by GDAL.
    func issuesWorkOrders(out: String) throws {
        let summary = try WorkOrderRun(runPath: out, reviewFolders: [out + "/review_11"], logger: .init(label: "test"))
            .run()
        #expect(summary.items > 100 && summary.optimalCostKm <= summary.greedyCostKm)
        let orders = try CSVTable(path: out + "/workorders/workorders.csv").rows
        let leads = orders.filter { ["new_site", "extend"].contains($0["action"]!) }
        #expect(
            Set(leads.map { $0["item_kind"]! + $0["item_ref"]! + $0["technology"]! }).count == summary.items,
            "one lead order per item")
        #expect(Set(orders.map { $0["work_order_id"]! }).count == orders.count, "ids are unique")
        #expect(
            orders.allSatisfy {
                ["public_fund", "carrier", "power_first"].contains($0["funding"]!) && $0["status"] == "open"
            })
        #expect(orders.contains { $0["item_kind"] == "shared_mast" && !($0["tenants"]!.isEmpty) })
        for carrier in ["viettel", "vinaphone", "mobifone"] {
            for (file, type) in [("\(carrier).geojson", "Point"), ("\(carrier)_areas.geojson", "MultiPolygon")] {
                let path = out + "/workorders/" + file
                // One geometry type per file, numbers as numbers, valid for the geojson package.
                let check =
                    "import geojson, sys; g = geojson.load(open(sys.argv[1])); "
                    + "print(g.is_valid, sorted({f['geometry']['type'] for f in g['features']}), "
                    + "all(isinstance(f['properties']['population'], int) for f in g['features']), "
                    + "g.errors() if not g.is_valid else '')"
                let verdict = try ExternalTools.run("python3", ["-c", check, path])
                #expect(verdict.hasPrefix("True ['\(type)'] True"), "\(file): \(verdict)")
                // The export the issue saw abort: every file goes to a Shapefile whole.
                let shp = out + "/../shp_\(carrier)_\(type)"
                _ = try ExternalTools.run("ogr2ogr", ["-f", "ESRI Shapefile", shp, path])
                #expect(try ExternalTools.run("ogrinfo", ["-so", "-al", shp]).contains("Feature Count"), "\(file)")
            }
        }
        let gpkg = try ExternalTools.run("ogrinfo", ["-ro", "-q", out + "/workorders/workorders.gpkg"])
        for carrier in ["viettel", "vinaphone", "mobifone"] {
            #expect(gpkg.contains("\(carrier)_points (Point)") && gpkg.contains("\(carrier)_areas (Multi Polygon)"))
        }
        let styles = try ExternalTools.run(
            "ogrinfo",
            [
                "-ro", "-q", out + "/workorders/workorders.gpkg", "-sql",
                "SELECT count(*) AS n FROM layer_styles WHERE useAsDefault = 1 AND styleQML LIKE '%categorizedSymbol%'",
            ])
        #expect(styles.contains("n (Integer) = 3"), "\(styles)")
        let sheets = try ExternalTools.run("ogrinfo", ["-ro", "-q", out + "/workorders/workorders.xlsx"])
        #expect(sheets.contains("Lệnh công việc") && sheets.contains("Giải thích cột"), "\(sheets)")
    }

    /// Recomputes each demo village's 4G class from the GDAL-built rasters: white when no layer reaches −105 dBm at
    /// the centre cell, weak when at least 20% of the commune cells whose centres lie within 500 m are covered by none.
    func crossCheckVillages(
        out: String, grid: (gt: [Double], w: Int, h: Int, wkt: String), codes: [Int32], signal: [[Int16]]
    ) throws {
        let villages = try Fixture.readCSV(out + "/villages.csv")
        let toGrid = try CoordinateTransform(from: .wgs84(), to: try SpatialReference(userInput: grid.wkt))
        let covered = { (i: Int) in signal.contains { $0[i] != -32768 && $0[i] >= -105 } }
        var checked = 0
        for v in villages {
            let p = try #require(toGrid.transform(x: Double(v["lon"]!)!, y: Double(v["lat"]!)!))
            let col = Int(((p.x - grid.gt[0]) / grid.gt[1]).rounded(.down)),
                row = Int(((p.y - grid.gt[3]) / grid.gt[5]).rounded(.down))
            guard codes[row * grid.w + col] != 0 else { #expect(v["class_4G"] == "outside"); continue }
            var inside = 0, uncovered = 0
            for r in max(0, row - 6)...min(grid.h - 1, row + 6) {
                for c in max(0, col - 6)...min(grid.w - 1, col + 6) {
                    let dx = grid.gt[0] + (Double(c) + 0.5) * grid.gt[1] - p.x,
                        dy = grid.gt[3] + (Double(r) + 0.5) * grid.gt[5] - p.y
                    guard dx * dx + dy * dy <= 500 * 500, codes[r * grid.w + c] != 0 else { continue }
                    inside += 1
                    if !covered(r * grid.w + c) { uncovered += 1 }
                }
            }
            let expected =
                !covered(row * grid.w + col)
                ? "white" : (Double(uncovered) / Double(inside) >= 0.2 ? "weak" : "covered")
            #expect(v["class_4G"] == expected, "village \(v["village_code"]!)")
            checked += 1
        }
        #expect(checked > 1000)
        #expect(villages.contains { $0["class_4G"] == "weak" } && villages.contains { $0["class_4G"] == "white" })
    }

    /// Rebuilds the 4G figures with gdalwarp, gdal_rasterize and gdal_polygonize.py on the run's own grid, counting
    /// here.
    func crossCheckWithGDALCommandLine(_ f: Fixture, out: String, config: CovgapConfig, rows: [[String: String]]) throws
    {
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        let grid = manifest["grid"] as! [String: Any]
        let gt = grid["geoTransform"] as! [Double], w = grid["width"] as! Int, h = grid["height"] as! Int
        let wkt = grid["crsWKT"] as! String
        try wkt.write(toFile: f.path("grid.wkt"), atomically: true, encoding: .utf8)
        let te = [
            "-te", "\(gt[0])", "\(gt[3] + Double(h) * gt[5])", "\(gt[0] + Double(w) * gt[1])", "\(gt[3])", "-ts",
            "\(w)", "\(h)",
        ]
        // gdal_rasterize burns in the layer's own coordinates: reproject to the grid CRS first.
        try ExternalTools.run(
            "ogr2ogr",
            ["-t_srs", f.path("grid.wkt"), "-nln", "communes", f.path("cli_communes.gpkg"), config.boundaries.path])
        try ExternalTools.run(
            "gdal_rasterize",
            [
                "-q", "-a", "code", "-ot", "Int32", "-init", "0",
                "-sql", "SELECT * FROM communes ORDER BY code DESC",
            ]
                + te + [f.path("cli_communes.gpkg"), f.path("cli_communes.tif")])
        let layers4G = config.coverage.filter { $0.technology == .fourG }
        for (i, layer) in layers4G.enumerated() {
            try ExternalTools.run(
                "gdalwarp",
                ["-q", "-r", "near", "-et", "0", "-t_srs", f.path("grid.wkt"), "-dstnodata", "-32768"] + te
                    + [layer.path, f.path("cli_cov\(i).tif")])
        }
        let window = PixelWindow(column: 0, row: 0, width: w, height: h)
        let codes: [Int32] = try RasterDataset.open(f.path("cli_communes.tif")).band(1).read(window)
        let signal: [[Int16]] = try layers4G.indices.map {
            try RasterDataset.open(f.path("cli_cov\($0).tif")).band(1).read(window)
        }
        var cells: [Int32: Int] = [:], anyCovered: [Int32: Int] = [:], allCovered: [Int32: Int] = [:]
        var notspot = [Int32](repeating: 0, count: w * h)
        for i in 0..<(w * h) where codes[i] != 0 {
            let covering = signal.filter { $0[i] != -32768 && $0[i] >= -105 }.count
            cells[codes[i], default: 0] += 1
            if covering > 0 { anyCovered[codes[i], default: 0] += 1 }
            if covering == signal.count { allCovered[codes[i], default: 0] += 1 }
            if covering == 0 { notspot[i] = codes[i] }
        }
        for r in rows where r["technology"] == "4G" {
            let code = Int32(r["commune_code"]!)!
            #expect(r["area_km2"] == String(format: "%.4f", Double(cells[code] ?? 0) * 0.01), "area \(code)")
            #expect(
                r["covered_any_km2"] == String(format: "%.4f", Double(anyCovered[code] ?? 0) * 0.01),
                "covered_any \(code)")
            #expect(
                r["covered_all_km2"] == String(format: "%.4f", Double(allCovered[code] ?? 0) * 0.01),
                "covered_all \(code)")
        }
        try crossCheckVillages(out: out, grid: (gt, w, h, wkt), codes: codes, signal: signal)
        // Dead zones: 8-connected polygons of the not-spot mask valued by commune code, at least 0.05 km² (5 cells).
        do {  // closed at the end of this scope, before gdal_polygonize.py reads it
            let mask = try RasterDataset.create(
                driver: "GTiff", path: f.path("cli_notspot.tif"), width: w, height: h, bands: 1, type: .int32)
            try mask.setGeoTransform(
                GeoTransform(originX: gt[0], pixelWidth: gt[1], originY: gt[3], pixelHeight: gt[5]))
            try mask.setSpatialReference(try SpatialReference(userInput: wkt))
            try mask.band(1).write(window, values: notspot)
        }
        try ExternalTools.run(
            "gdal_polygonize.py",
            ["-q", "-8", f.path("cli_notspot.tif"), "-f", "GeoJSON", f.path("cli_zones.geojson"), "zones", "DN"])
        let polygons = try ExternalTools.run(
            "ogr2ogr",
            [
                "-f", "CSV", "/vsistdout/", f.path("cli_zones.geojson"), "-dialect", "OGRSQL", "-sql",
                "SELECT DN, OGR_GEOM_AREA AS area FROM zones WHERE DN > 0",
            ])
        var zonesPerCommune: [Int32: String] = [:]
        for line in polygons.split(separator: "\n").dropFirst() {
            let parts = line.replacingOccurrences(of: "\"", with: "").split(separator: ",")
            guard Double(parts[1])! >= 49_999 else { continue }
            zonesPerCommune[Int32(parts[0])!] = String((Int(zonesPerCommune[Int32(parts[0])!] ?? "0") ?? 0) + 1)
        }
        var checked = 0
        for r in rows where r["technology"] == "4G" {
            #expect(
                r["dead_zone_count"] == zonesPerCommune[Int32(r["commune_code"]!)!] ?? "0",
                "dead zones \(r["commune_code"]!)")
            checked += 1
        }
        #expect(checked == 45)
        #expect(
            zonesPerCommune.values.compactMap { Int($0) }.reduce(0, +) > 10,
            "the demo should have dead zones to compare")
        try crossCheckPartialNotspots(f, out: out, grid: (gt, w, h, wkt), codes: codes, signal: signal)
        try checkSharingTotals(out: out)
    }

    /// Partial not-spots: 8-connected polygons of cells some but not all 4G layers cover, valued by commune code × 8 +
    /// the covering carriers' bits, at least 0.05 km², counted per commune with gdal_polygonize.py.
    func crossCheckPartialNotspots(
        _ f: Fixture, out: String, grid: (gt: [Double], w: Int, h: Int, wkt: String), codes: [Int32],
        signal: [[Int16]]
    ) throws {
        var pattern = [Int32](repeating: 0, count: grid.w * grid.h)
        for i in pattern.indices where codes[i] != 0 {
            var bits: Int32 = 0
            for (c, layer) in signal.enumerated() where layer[i] != -32768 && layer[i] >= -105 { bits |= 1 << Int32(c) }
            if bits != 0 && bits != (1 << Int32(signal.count)) - 1 { pattern[i] = codes[i] * 8 + bits }
        }
        do {
            let ds = try RasterDataset.create(
                driver: "GTiff", path: f.path("cli_partial.tif"), width: grid.w, height: grid.h, bands: 1, type: .int32)
            try ds.setGeoTransform(
                GeoTransform(originX: grid.gt[0], pixelWidth: grid.gt[1], originY: grid.gt[3], pixelHeight: grid.gt[5]))
            try ds.setSpatialReference(try SpatialReference(userInput: grid.wkt))
            try ds.band(1).write(PixelWindow(column: 0, row: 0, width: grid.w, height: grid.h), values: pattern)
        }
        try ExternalTools.run(
            "gdal_polygonize.py",
            ["-q", "-8", f.path("cli_partial.tif"), "-f", "GeoJSON", f.path("cli_partial.geojson"), "p", "DN"])
        let polygons = try ExternalTools.run(
            "ogr2ogr",
            [
                "-f", "CSV", "/vsistdout/", f.path("cli_partial.geojson"), "-dialect", "OGRSQL", "-sql",
                "SELECT DN, OGR_GEOM_AREA AS area FROM p WHERE DN > 0",
            ])
        var expected: [String: Int] = [:]
        for line in polygons.split(separator: "\n").dropFirst() {
            let parts = line.replacingOccurrences(of: "\"", with: "").split(separator: ",")
            guard Double(parts[1])! >= 49_999 else { continue }
            expected[String(format: "%05d", Int(parts[0])! / 8), default: 0] += 1
        }
        var ours: [String: Int] = [:]
        let carriers = ["viettel", "vinaphone", "mobifone"]
        for z in try Fixture.readGeoJSONProperties(out + "/partial_notspots.geojson")
        where z["technology"] as? String == "4G" {
            ours[z["commune_code"] as! String, default: 0] += 1
            // covered_by and missing split the carriers between them.
            let covered = (z["covered_by"] as! String).split(separator: ";").map(String.init),
                missing = (z["missing"] as! String).split(separator: ";").map(String.init)
            #expect(
                Set(covered).isDisjoint(with: missing) && Set(covered + missing) == Set(carriers) && !covered.isEmpty
                    && !missing.isEmpty)
            #expect(["colocate", "roaming"].contains(z["remedy"] as? String ?? ""))
        }
        #expect(ours == expected)
        #expect(expected.values.reduce(0, +) > 100, "the demo should have partial not-spots to compare")
    }

    /// The sharing outputs hang together: people reached by the proposed masts never exceed the dead zones' people,
    /// each mast adds no more than the one before (greedy on a coverage function), and GDAL opens every layer.
    func checkSharingTotals(out: String) throws {
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        let sharing = try #require((manifest["summary"] as? [String: Any])?["sharing"] as? [String: Any])
        let masts = try #require(sharing["sharedSites"] as? [String: Any])
        let before = masts["deadZonePeople"] as! Double, covered = masts["peopleCoveredByMasts"] as! Double
        #expect(covered <= before && covered > 0)
        #expect(abs(masts["peopleLeftInDeadZones"] as! Double - (before - covered)) <= 1)
        // The 4G dead zones' people, summed from dead_zones.geojson (each rounded to a person).
        let zonePeople = try Fixture.readGeoJSONProperties(out + "/dead_zones.geojson").filter {
            $0["technology"] as? String == "4G"
        }
        let summed = zonePeople.reduce(0.0) { $0 + ($1["population"] as! Double) }
        #expect(abs(summed - before) <= Double(zonePeople.count) / 2 + 1, "dead zones \(summed) vs planner \(before)")
        let rows = try Fixture.readCSV(out + "/shared_sites.csv")
        #expect(!rows.isEmpty && rows.count == masts["masts"] as! Int)
        let gains = rows.map { Double($0["gain_people"]!)! }
        #expect(
            zip(gains, gains.dropFirst()).allSatisfy { $0 >= $1 - 1 }, "greedy gains never grow: \(gains.prefix(10))")
        #expect(abs(gains.reduce(0, +) - covered) <= Double(gains.count))
        for name in ["shared_sites", "colocation_clusters", "underground_candidates", "partial_notspots"] {
            let info = try ExternalTools.run("ogrinfo", ["-so", "-al", out + "/\(name).geojson"])
            #expect(
                info.contains("Feature Count:") && !info.contains("Feature Count: 0"), "\(name): \(info.prefix(200))")
        }
        #expect((sharing["colocationClusters"] as! Int) > 0)
        #expect(((sharing["undergrounding"] as? [String: Any])?["corridors"] as? Int ?? 0) > 0)
    }
}
