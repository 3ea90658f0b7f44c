import PractiTest
import Testing

@Suite("Run duration")
struct RunDurationTests {
    @Test(
        "formats HH:MM:SS, rounding any time up to a whole second",
        arguments: [
            (0.0, "00:00:00"), (0.2, "00:00:01"), (1.0, "00:00:01"), (59.5, "00:01:00"), (3599.01, "01:00:00"),
            (36_000, "10:00:00"), (360_000, "100:00:00"),
        ] as [(Double, String)])
    func formats(seconds: Double, text: String) {
        #expect(RunDuration.text(seconds: seconds) == text)
    }

    @Test("is absent when the time is unknown or unusable", arguments: [nil, -1, .nan, .infinity] as [Double?])
    func unknown(seconds: Double?) {
        #expect(RunDuration.text(seconds: seconds) == nil)
    }
}
