import CovgapModel
import CovgapSupport

/// A QGIS layer style (`.qml`) for a paletted raster: the listed values in their colours and named, nothing else
/// drawn. QGIS loads `name.qml` beside `name.tif` as the raster's default style, so the run's classes open styled,
/// with a four-entry legend instead of a GeoTIFF's 256-entry colour table.
public struct PalettedStyle: Sendable {
    /// One class: raster value, colour ("#rrggbb") and legend label.
    public struct Entry: Sendable {
        public let value: Int, color: String, label: String
        public init(value: Int, color: String, label: String) {
            self.value = value
            self.color = color
            self.label = label
        }
    }

    public let entries: [Entry]
    /// The layer's opacity (0–1), below 1 so the communes' outlines and a base map show through.
    public let opacity: Double

    public init(entries: [Entry], opacity: Double = 0.85) {
        self.entries = entries
        self.opacity = opacity
    }

    /// The coverage classes of `coverage_classes_*.tif`, labelled in Vietnamese and English.
    public static let coverageClasses = PalettedStyle(
        entries: CoverageClass.allCases.map {
            Entry(value: Int($0.rawValue), color: $0.hex, label: "\($0.names.vi) (\($0.names.en))")
        })

    /// The `.qml` document (QGIS 3.22's format).
    public var qml: String { QGISXML.styleDocument(body) }

    /// The style's elements, as a `.qml` holds them and a project's `<maplayer>` embeds them.
    public var body: String {
        let palette = entries.map {
            "        <paletteEntry value=\"\($0.value)\" alpha=\"255\" color=\"\($0.color)\" "
                + "label=\"\(HTML.escape($0.label))\"/>"
        }.joined(separator: "\n")
        return """
              <pipe>
                <provider>
                  <resampling enabled="false" maxOversampling="2" zoomedOutResamplingMethod="nearestNeighbour" \
            zoomedInResamplingMethod="nearestNeighbour"/>
                </provider>
                <rasterrenderer band="1" type="paletted" opacity="\(opacity)" alphaBand="-1" nodataColor="">
                  <rasterTransparency/>
                  <colorPalette>
            \(palette)
                  </colorPalette>
                </rasterrenderer>
                <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
                <huesaturation saturation="0" grayscaleMode="0" colorizeOn="0" colorizeStrength="100"/>
                <rasterresampler maxOversampling="2"/>
              </pipe>
              <blendMode>0</blendMode>
            """
    }
}
