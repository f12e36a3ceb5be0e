import CovgapTestSupport
import Foundation
import GDALBridge

/// Corpus cases about what a coverage layer's values mean: GDAL's scale and offset, units judged by their
/// distribution, empty layers. Expected figures are worked by hand on the 3×3 baseline (each cell 0.0100 km²).
extension InputCase {
    public static let values: [InputCase] = scaled + distributions + emptiness

    /// `values` (row-major, `side` × `side` cells of 100 m from the baseline's corner) as a.tif with a declared scale
    /// and offset, read as `kind`; `extra` adds keys to the layer's entry.
    public static func scaledLayer<T: RasterScalar>(
        _ f: Fixture, _ values: [T], side: Int = 3, scale: Double? = nil, offset: Double = 0,
        noData: Double? = nil, kind: String = "rsrp_dbm", extra: String = ""
    ) throws {
        try Baseline.make(f, raster: false, config: false)
        try f.raster("a.tif", columns: side, rows: side, values: values, noData: noData)
        if let scale {
            let ds = try RasterDataset.open(f.path("a.tif"), update: true)
            try ds.band(1).setScale(scale, offset: offset)
            try ds.flush()
        }
        try f.config(coverage: ["{carrier: a, technology: 4G, path: a.tif, values: \(kind)\(extra)}"])
    }

    /// A 100 × 100 layer at −90 dBm (the commune's 9 cells in its corner) with `strong` cells at −10 dBm far away.
    public static func wideLayer(_ f: Fixture, strong: Int, extra: String = "") throws {
        var values = [Int16](repeating: -90, count: 100 * 100)
        for k in 0..<strong { values[100 * 50 + 50 + k] = -10 }
        try scaledLayer(f, values, side: 100, extra: extra)
    }

    public static let scaled: [InputCase] = [
        // −900 × 0.1 = −90 dBm everywhere: all 9 cells covered.
        InputCase("tenths of dBm in Int16 with scale 0.1", exit: 0, covered: covered) { f in
            try scaledLayer(f, [Int16](repeating: -900, count: 9), scale: 0.1)
        },
        // −1050 × 0.1 = −105.0 (covered at the −105 threshold, 3 cells); −1060 × 0.1 = −106 (not covered).
        InputCase("tenths of dBm at the threshold exactly", exit: 0, covered: "0.0300") { f in
            try scaledLayer(f, [Int16(-1050), -1050, -1050, -1060, -1060, -1060, -1060, -1060, -1060], scale: 0.1)
        },
        // 50 × 1 − 140 = −90 dBm: covered; 20 − 140 = −120: not (4 covered cells).
        InputCase("Byte levels with an offset of −140", exit: 0, covered: "0.0400") { f in
            try scaledLayer(f, [UInt8(50), 50, 50, 50, 20, 20, 20, 20, 20], scale: 1, offset: -140)
        },
        // Nodata is matched on the stored number: 0 stored is nodata even though 0 × 0.5 − 150 = −150 would be a level.
        InputCase("nodata matched before scaling", exit: 0, covered: "0.0600") { f in
            try scaledLayer(f, [UInt8(0), 0, 0, 120, 120, 120, 120, 120, 120], scale: 0.5, offset: -150, noData: 0)
        },
        InputCase(
            "tenths of dBm with no scale declared", exit: 2, ["a.tif", "below −200 dBm", "gdal_edit.py -scale 0.1"],
            forbids: ["values: mask"], inspect: true
        ) { f in
            try scaledLayer(f, [Int16](repeating: -1050, count: 9))
        },
    ]

    public static let distributions: [InputCase] = [
        // 1 of 10,000 cells (0.01%) above −15 dBm: a warning with count, share and place; the run goes on.
        InputCase(
            "a few cells above −15 dBm next to a mast", exit: 0,
            ["1 of 10000 cells", "0.0100%", "° E", "column 50, row 50"],
            covered: covered, inspect: true
        ) { f in
            try wideLayer(f, strong: 1)
        },
        // 20 of 10,000 (0.2%): a meaningful share, refused, with the way to vouch for the layer and never `mask`.
        InputCase(
            "a meaningful share above −15 dBm", exit: 2, ["a.tif", "band 1", "20 of 10000", "unit_check: warn"],
            forbids: ["values: mask"], inspect: true
        ) { f in
            try wideLayer(f, strong: 20)
        },
        InputCase(
            "a meaningful share above −15 dBm, vouched for", exit: 0, ["kept: unit_check is warn"], covered: covered
        ) { f in
            try wideLayer(f, strong: 20, extra: ", unit_check: warn")
        },
        InputCase(
            "a level above +30 dBm", exit: 2, ["a.tif", "above +30 dBm"], forbids: ["values: mask"], inspect: true
        ) { f in
            try scaledLayer(f, [Float(-90), -90, -90, -90, -90, -90, -90, -90, 45])
        },
        InputCase(
            "an undeclared −9999 fill", exit: 2, ["a.tif", "below −200 dBm", "gdal_edit.py -a_nodata -9999"],
            forbids: ["values: mask"], inspect: true
        ) { f in
            try scaledLayer(f, [Int16(-9999), -9999, -9999, -90, -90, -90, -90, -90, -90])
        },
        InputCase(
            "mostly exact 0 in a dBm layer", exit: 2, ["a.tif", "gdal_edit.py -a_nodata 0"], forbids: ["values: mask"],
            inspect: true
        ) { f in
            try scaledLayer(f, [Int16(0), 0, 0, 0, 0, 0, -90, -90, -90])
        },
        InputCase(
            "dBm levels declared as a mask", exit: 2, ["a.tif", "like signal levels in dBm", "rsrp_dbm"], inspect: true
        ) { f in
            try scaledLayer(f, [Int16](repeating: -120, count: 9), kind: "mask")
        },
    ]

    public static let emptiness: [InputCase] = [
        InputCase(
            "a layer that is nodata everywhere", exit: 2, ["a.tif", "band 1", "no cell holds a value", "-32768"],
            inspect: true
        ) { f in
            try scaledLayer(f, [Int16](repeating: -32768, count: 9), noData: -32768)
        },
        InputCase(
            "a layer that covers nothing", exit: 0, ["covers nothing there in 4G"], covered: "0.0000", inspect: true
        ) { f in
            try scaledLayer(f, [Int16](repeating: -130, count: 9))
        },
    ]
}
