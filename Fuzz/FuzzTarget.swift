// A libFuzzer target for one of ptupload's parsers, chosen when the target is built
// (`-D FUZZ_JUNIT`, `-D FUZZ_TAP`, `-D FUZZ_SWIFT_TEST`): it parses each input in memory, where
// libFuzzer and AddressSanitizer catch any crash, hang, memory error or runaway memory. Built and
// run by Fuzz/run.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    #if FUZZ_JUNIT
        let parser: any ReportParser = JUnitXMLParser()
    #elseif FUZZ_TAP
        let parser: any ReportParser = TAPParser()
    #else
        let parser: any ReportParser = SwiftTestOutputParser()
    #endif
    let source = ReportSource(bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz")
    do throws(ReportError) {
        try parser.parse(source) { event in
            if case .result(let result) = event { _ = result.identity }
        }
    } catch {
        _ = error.description  // every error must describe itself
    }
    return 0
}
