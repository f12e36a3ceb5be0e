/// What each output column means, in Vietnamese and English: the aliases QGIS shows and the workbook's glossary sheet.
/// Per-carrier and per-technology columns (`covered_km2_viettel`, `class_4G`, `pct_area_covered_4g`) are named from
/// their stem and suffix.
public enum FieldGlossary {
    /// A column's name for people.
    public struct Entry: Sendable, Equatable {
        public let vi: String, en: String
    }

    /// The entry of `field`, or nil for a column this glossary does not know (it keeps its own name).
    public static func entry(_ field: String) -> Entry? {
        if let e = fixed[field] { return e }
        // The communes layer's per-technology figures: `pct_area_covered_4g`.
        for scope in ["3G", "4G", "ANY"] where field.hasSuffix("_" + scope.lowercased()) {
            if let e = fixed[String(field.dropLast(scope.count + 1))] {
                return Entry(vi: "\(e.vi), \(scope)", en: "\(e.en), \(scope)")
            }
        }
        for (stem, e) in suffixed where field.hasPrefix(stem + "_") {
            let suffix = String(field.dropFirst(stem.count + 1))
            return Entry(vi: e.vi.replacing("%@", with: suffix), en: e.en.replacing("%@", with: suffix))
        }
        return nil
    }

    static let fixed: [String: Entry] = [
        "province_code": Entry(vi: "Mã tỉnh", en: "province code"),
        "province_name": Entry(vi: "Tên tỉnh", en: "province name"),
        "commune_code": Entry(vi: "Mã xã", en: "commune code"),
        "commune_name": Entry(vi: "Tên xã", en: "commune name"),
        "commune_kind": Entry(
            vi: "Loại đơn vị (xã/phường/đặc khu)", en: "kind of commune (commune/ward/special zone)"),
        "commune_id": Entry(vi: "Số hiệu xã trong communes.tif", en: "commune number in communes.tif"),
        "technology": Entry(vi: "Công nghệ", en: "technology"),
        "area_km2": Entry(vi: "Diện tích (km²)", en: "area (km²)"),
        "population": Entry(vi: "Dân số", en: "population"),
        "covered_any_km2": Entry(
            vi: "Diện tích có sóng ít nhất một nhà mạng (km²)", en: "area any carrier covers (km²)"),
        "covered_all_km2": Entry(
            vi: "Diện tích có sóng mọi nhà mạng (km²)", en: "area every carrier covers (km²)"),
        "notspot_total_km2": Entry(vi: "Diện tích lõm sóng (km²)", en: "area no carrier covers (km²)"),
        "notspot_partial_km2": Entry(
            vi: "Diện tích thiếu sóng một số nhà mạng (km²)", en: "area some carriers miss (km²)"),
        "pct_area_covered": Entry(vi: "Tỷ lệ diện tích có sóng (%)", en: "share of area covered (%)"),
        "population_covered": Entry(vi: "Dân số có sóng", en: "people covered"),
        "population_notspot_total": Entry(vi: "Dân số trong vùng lõm sóng", en: "people no carrier covers"),
        "pct_population_covered": Entry(vi: "Tỷ lệ dân số có sóng (%)", en: "share of people covered (%)"),
        "dead_zone_count": Entry(vi: "Số vùng lõm sóng", en: "number of dead zones"),
        "white_villages": Entry(vi: "Số thôn trắng sóng", en: "white villages"),
        "weak_villages": Entry(vi: "Số thôn sóng yếu", en: "weak villages"),
        "id": Entry(vi: "Mã vùng", en: "zone id"),
        "cells": Entry(vi: "Số ô lưới", en: "grid cells"),
        "centroid_lon": Entry(vi: "Kinh độ tâm", en: "centre longitude"),
        "centroid_lat": Entry(vi: "Vĩ độ tâm", en: "centre latitude"),
        "village_code": Entry(vi: "Mã thôn", en: "village code"),
        "village_name": Entry(vi: "Tên thôn", en: "village name"),
        "located_commune_code": Entry(vi: "Mã xã theo vị trí", en: "commune code by location"),
        "lon": Entry(vi: "Kinh độ", en: "longitude"),
        "lat": Entry(vi: "Vĩ độ", en: "latitude"),
        "households": Entry(vi: "Số hộ", en: "households"),
        "has_grid_power": Entry(vi: "Có điện lưới", en: "grid power"),
        "especially_difficult_area": Entry(vi: "Vùng đặc biệt khó khăn", en: "especially difficult area"),
        "covered_by": Entry(vi: "Nhà mạng có sóng", en: "carriers covering"),
        "missing": Entry(vi: "Nhà mạng thiếu sóng", en: "carriers missing"),
        "remedy": Entry(vi: "Giải pháp", en: "remedy"),
        "host_site_id": Entry(vi: "Trạm dùng chung đề xuất", en: "proposed host site"),
        "host_carrier": Entry(vi: "Nhà mạng chủ trạm", en: "host site's carrier"),
        "host_distance_km": Entry(vi: "Khoảng cách đến trạm (km)", en: "distance to the host site (km)"),
        "host_level_dbm": Entry(vi: "Mức tín hiệu của trạm (dBm)", en: "host site's level (dBm)"),
        "site_id": Entry(vi: "Mã trạm", en: "site id"),
        "rank": Entry(vi: "Thứ tự ưu tiên", en: "rank"),
        "carriers_served": Entry(vi: "Nhà mạng dùng chung", en: "carriers served"),
        "height_m": Entry(vi: "Chiều cao cột (m)", en: "mast height (m)"),
        "radius_km": Entry(vi: "Bán kính phủ sóng (km)", en: "coverage radius (km)"),
        "gain_km2": Entry(vi: "Diện tích phủ thêm (km²)", en: "area gained (km²)"),
        "gain_people": Entry(vi: "Số dân phủ thêm", en: "people gained"),
        "gain_villages": Entry(vi: "Số thôn phủ thêm", en: "villages gained"),
        "cumulative_people": Entry(vi: "Dân số phủ lũy kế", en: "people reached so far"),
        "cumulative_share": Entry(vi: "Tỷ lệ lũy kế", en: "share reached so far"),
        "ground_m": Entry(vi: "Độ cao nền (m)", en: "ground height (m)"),
        "footprint": Entry(vi: "Cách tính vùng phủ", en: "how the footprint was found"),
        "cluster_id": Entry(vi: "Mã cụm trạm", en: "cluster id"),
        "distance_rule_m": Entry(vi: "Ngưỡng khoảng cách (m)", en: "distance rule (m)"),
        "sites": Entry(vi: "Số trạm", en: "sites"),
        "carriers": Entry(vi: "Số nhà mạng", en: "carriers"),
        "carrier_list": Entry(vi: "Các nhà mạng", en: "carriers, listed"),
        "site_ids": Entry(vi: "Mã các trạm", en: "site ids"),
        "shareable_site_ids": Entry(vi: "Trạm cho phép dùng chung", en: "shareable site ids"),
        "suggested_host": Entry(vi: "Trạm chủ đề xuất", en: "suggested host site"),
        "span_m": Entry(
            vi: "Khoảng cách xa nhất giữa các trạm (m)", en: "largest distance between sites (m)"),
        "corridor_id": Entry(vi: "Mã tuyến", en: "corridor id"),
        "road_name": Entry(vi: "Tên đường", en: "road name"),
        "road_class": Entry(vi: "Cấp đường", en: "road class"),
        "segments": Entry(vi: "Số đoạn cáp treo", en: "aerial cable segments"),
        "length_km": Entry(vi: "Chiều dài (km)", en: "length (km)"),
        "in_ward": Entry(vi: "Trong phường", en: "in a ward"),
        "main_road": Entry(vi: "Trục đường chính", en: "main road"),
        "shared_corridor": Entry(vi: "Nhiều nhà mạng cùng tuyến", en: "corridor shared by carriers"),
        "duct_distance_m": Entry(
            vi: "Khoảng cách đến cống bể sẵn có (m)", en: "distance to an existing duct (m)"),
        "population_density": Entry(
            vi: "Mật độ dân số (người/km²)", en: "population density (people/km²)"),
        "score": Entry(vi: "Điểm ưu tiên", en: "priority score"),
        "reasons": Entry(vi: "Lý do ưu tiên", en: "reasons"),
        "features": Entry(vi: "Số hiệu các đoạn cáp", en: "cable segment numbers"),
        "work_order_id": Entry(vi: "Mã lệnh công việc", en: "work order id"),
        "carrier": Entry(vi: "Nhà mạng", en: "carrier"),
        "action": Entry(vi: "Việc cần làm", en: "action"),
        "tenants": Entry(vi: "Nhà mạng dùng chung trạm", en: "tenant carriers"),
        "item_kind": Entry(vi: "Loại hạng mục", en: "kind of item"),
        "item_ref": Entry(vi: "Mã hạng mục", en: "item reference"),
        "village_names": Entry(vi: "Tên các thôn", en: "village names"),
        "distance_km": Entry(
            vi: "Khoảng cách đến vùng phủ của nhà mạng (km)",
            en: "distance to the carrier's coverage (km)"),
        "funding": Entry(vi: "Nguồn kinh phí", en: "funding"),
        "priority": Entry(vi: "Thứ tự ưu tiên", en: "priority"),
        "deadline": Entry(vi: "Hạn hoàn thành", en: "deadline"),
        "status": Entry(vi: "Trạng thái", en: "status"),
        "orders": Entry(vi: "Số lệnh", en: "orders"),
        "aerial_km": Entry(vi: "Cáp treo (km)", en: "aerial cable (km)"),
        "underground_km": Entry(vi: "Cáp ngầm (km)", en: "underground cable (km)"),
        "candidate_km": Entry(vi: "Đề xuất ngầm hóa (km)", en: "proposed for undergrounding (km)"),
        "candidate_share": Entry(vi: "Tỷ lệ đề xuất ngầm hóa", en: "share proposed for undergrounding"),
    ]

    /// Stems of columns that end in a carrier or a technology (`%@`).
    static let suffixed: [(String, Entry)] = [
        ("covered_km2", Entry(vi: "Diện tích có sóng %@ (km²)", en: "area %@ covers (km²)")),
        ("pct_area_covered", Entry(vi: "Tỷ lệ diện tích có sóng %@ (%)", en: "share of area %@ covers (%)")),
        ("population_covered", Entry(vi: "Dân số có sóng %@", en: "people %@ covers")),
        ("nearest_km", Entry(vi: "Khoảng cách đến vùng phủ %@ (km)", en: "distance to %@'s coverage (km)")),
        ("remedy", Entry(vi: "Giải pháp cho %@", en: "remedy for %@")),
        ("class", Entry(vi: "Phân loại %@", en: "class %@")),
        ("carriers", Entry(vi: "Nhà mạng có sóng %@", en: "carriers covering %@")),
        (
            "notspot_share",
            Entry(vi: "Tỷ lệ lõm sóng quanh thôn %@", en: "share of not-spot around the village %@")
        ),
    ]
}
