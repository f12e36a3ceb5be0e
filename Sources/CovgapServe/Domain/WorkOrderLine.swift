import Foundation

/// The fields of one work order the service reads (for access, progress and the carriers' page), taken from its
/// GeoJSON feature as `covgap workorders` wrote it. Only `work_order_id` is required; a missing text reads as empty
/// and a missing number as nil.
struct WorkOrderLine: Sendable {
    let id: String, carrier: String
    let technology: String, action: String, itemKind: String, itemRef: String
    let provinceCode: String, provinceName: String, communeCode: String, communeName: String, villageNames: String
    let hostSiteId: String, tenants: String, funding: String, deadline: String
    let population: Int?, households: Int?, priority: Int?
    let areaKm2: Double?, distanceKm: Double?, lon: Double?, lat: Double?

    /// The order of feature number `feature` of `file`; refused with 422 naming both when it has no id.
    init(_ feature: [String: Any], carrier: String, file: String, feature number: Int) throws {
        guard let p = feature["properties"] as? [String: Any], let id = p["work_order_id"] as? String, !id.isEmpty
        else {
            throw WorkOrderBook.refuse(file, "feature \(number) has no work_order_id")
        }
        func s(_ k: String) -> String { p[k] as? String ?? "" }
        func d(_ k: String) -> Double? { (p[k] as? NSNumber).map(\.doubleValue).flatMap { $0.isFinite ? $0 : nil } }
        func i(_ k: String) -> Int? { d(k).flatMap { abs($0) < 1e15 ? Int($0) : nil } }
        self.id = id
        self.carrier = carrier
        technology = s("technology")
        action = s("action")
        itemKind = s("item_kind")
        itemRef = s("item_ref")
        provinceCode = s("province_code")
        provinceName = s("province_name")
        communeCode = s("commune_code")
        communeName = s("commune_name")
        villageNames = s("village_names")
        hostSiteId = s("host_site_id")
        tenants = s("tenants")
        funding = s("funding")
        deadline = s("deadline")
        population = i("population")
        households = i("households")
        priority = i("priority")
        areaKm2 = d("area_km2")
        distanceKm = d("distance_km")
        lon = d("lon")
        lat = d("lat")
    }
}
