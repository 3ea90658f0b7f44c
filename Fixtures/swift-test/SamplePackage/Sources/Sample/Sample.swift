/// Tiny functions for the sample tests to call.
public enum Sample {
    public static func add(_ a: Int, _ b: Int) -> Int { a + b }

    public static func isEven(_ value: Int) -> Bool { value % 2 == 0 }

    public static func shout(_ text: String) -> String { text.uppercased() + "!" }

    #if SAMPLE_BUILD_ERROR
        // Compiled only by regenerate.sh's build-failure run, to record a compiler error.
        public static let broken: Int = "not a number"
    #endif
}
