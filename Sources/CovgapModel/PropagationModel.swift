import Foundation

/// COST-231 Hata path loss (1500–2000 MHz; used slightly beyond for 2100 MHz), with Hata's environment corrections.
///
///     L = 46.3 + 33.9 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d + C
///     a(hm) = (1.1 log f − 0.7) hm − (1.56 log f − 0.8)
///
/// f in MHz, hb base-station height and hm mobile height in m, d in km. C: urban 0 dB (medium city), suburban
/// −2 (log(f/28))² − 5.4, rural (quasi-open) −4.78 (log f)² + 18.33 log f − 35.94.
public struct PropagationModel: Sendable {
    /// Hata's environment classes.
    public enum Environment: String, Sendable, Codable { case urban, suburban, rural }

    public var environment: Environment = .rural
    public var mobileHeightMetres: Double = 1.5
    /// Distances below this are clamped (the model is not meant for the near field).
    public var minimumDistanceKm: Double = 0.05
    /// Signals below this (dBm) are written as nodata: out of the model's range.
    public var floorDbm: Double = -140

    /// The documented defaults: rural, 1.5 m mobile, 50 m minimum distance, −140 dBm floor.
    public init() {}

    /// The part of the loss that does not depend on distance, and the slope per decade of distance.
    public func terms(frequencyMHz f: Double, baseHeightMetres hb: Double) -> (constant: Double, slope: Double) {
        let lf = log10(f), lhb = log10(max(hb, 1))
        let ahm = (1.1 * lf - 0.7) * mobileHeightMetres - (1.56 * lf - 0.8)
        let correction: Double
        switch environment {
        case .urban: correction = 0
        case .suburban: correction = -2 * pow(log10(f / 28), 2) - 5.4
        case .rural: correction = -4.78 * lf * lf + 18.33 * lf - 35.94
        }
        return (46.3 + 33.9 * lf - 13.82 * lhb - ahm + correction, 44.9 - 6.55 * lhb)
    }

    /// Path loss in dB at `distanceKm`.
    public func loss(frequencyMHz: Double, baseHeightMetres: Double, distanceKm: Double) -> Double {
        let t = terms(frequencyMHz: frequencyMHz, baseHeightMetres: baseHeightMetres)
        return t.constant + t.slope * log10(max(distanceKm, minimumDistanceKm))
    }

    /// The radio horizon between an antenna `baseHeightMetres` up and the mobile, on the 4/3 effective Earth:
    /// 4.12 (√h_base + √h_mobile) km. Hata's model says nothing past it.
    public func radioHorizonKm(baseHeightMetres hb: Double) -> Double {
        4.12 * (max(hb, 1).squareRoot() + mobileHeightMetres.squareRoot())
    }

    /// Distance in km beyond which `eirpDbm` cannot reach `floorDbm` even with `marginDb` of favourable shadowing.
    public func reachKm(eirpDbm: Double, frequencyMHz: Double, baseHeightMetres: Double, marginDb: Double) -> Double {
        let t = terms(frequencyMHz: frequencyMHz, baseHeightMetres: baseHeightMetres)
        return pow(10, (eirpDbm + marginDb - floorDbm - t.constant) / t.slope)
    }
}
