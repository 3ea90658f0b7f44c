/// PractiTest's `run-duration` text, `HH:MM:SS`.
public enum RunDuration {
    /// Whole seconds, rounded up when there was any time at all (0.2 s is `00:00:01`); hours may
    /// pass 99. `nil` for an unknown duration.
    public static func text(seconds: Double?) -> String? {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return nil }
        let whole = Int(seconds.rounded(.up))
        let hours = whole / 3600
        let minutes = whole % 3600 / 60
        let rest = whole % 60
        return (hours < 10 ? "0\(hours)" : "\(hours)") + ":" + twoDigits(minutes) + ":" + twoDigits(rest)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
