import CovgapModel
import CovgapSupport
import Foundation

/// Reads the village layer: any OGR point layer or a CSV with lon/lat columns.
public enum VillageLoader {
    /// Loads villages per `input`; refuses missing required columns, empty or duplicate codes, bad numbers and flags.
    public static func load(_ input: VillageInput) throws -> [Village] {
        let file = input.path
        let table = try PointTable(
            path: file, layer: input.layer, lon: input.lonField, lat: input.latField, what: "village list")
        func column(_ name: String, _ key: String, required: Bool = false) throws -> Int? {
            try table.column(name, required: required || input.explicitKeys.contains(key), key: "villages.\(key)")
        }
        let code = try column(input.codeField, "code", required: true)!,
            name = try column(input.nameField, "name", required: true)!
        let commune = try column(input.communeCodeField, "commune_code"),
            households = try column(input.householdsField, "households")
        let power = try column(input.gridPowerField, "has_grid_power")
        let difficult = try column(input.difficultAreaField, "especially_difficult_area")
        var villages: [Village] = []
        var seen: [String: Int] = [:]
        try table.forEachRow { row, f, lon, lat in
            guard let c = f.string(code)?.trimmingCharacters(in: .whitespaces), !c.isEmpty else {
                throw InputError(
                    file: file, location: "row \(row)", problem: "the village code is empty",
                    hint: "every village needs a code")
            }
            if let first = seen[c] {
                throw InputError(
                    file: file, location: "row \(row)",
                    problem: "village code \(c) appears again (first at row \(first))")
            }
            seen[c] = row
            if (c + (f.string(name) ?? "")).contains("\u{FFFD}") {
                throw InputError(
                    file: file, location: "row \(row)", problem: "the village code or name is not valid UTF-8",
                    hint: "save the list as UTF-8 (legacy TCVN3/VNI/Windows-1258 encodings are not read)")
            }
            let h = try PointTable.number(f, households, "households", file: file, row: row)
            // Bounded before Int(...): a value beyond Int's range traps the conversion.
            if let h, h < 0 || h != h.rounded() || h > 1_000_000 {
                throw InputError(
                    file: file, location: "row \(row)",
                    problem: "households '\(h)' is not a whole number of households (0 to 1,000,000)")
            }
            villages.append(
                Village(
                    row: row, code: c, name: f.string(name)?.trimmingCharacters(in: .whitespaces) ?? "", lon: lon,
                    lat: lat,
                    givenCommuneCode: commune.flatMap { f.string($0)?.trimmingCharacters(in: .whitespaces) }.flatMap {
                        $0.isEmpty ? nil : $0
                    },
                    households: h.map { Int($0) },
                    hasGridPower: try PointTable.flag(f, power, "has_grid_power", file: file, row: row),
                    especiallyDifficultArea: try PointTable.flag(
                        f, difficult, "especially_difficult_area", file: file, row: row)))
        }
        return villages
    }
}
