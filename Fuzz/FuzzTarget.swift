// A libFuzzer target for one of ptupload's parsers, chosen when the target is built
// (`-D FUZZ_JUNIT`, `-D FUZZ_TAP`, `-D FUZZ_SWIFT_TEST`): it parses each input in memory and
// checks what must hold for any input: no crash, no hang, counts that add up. Built and run by
// Fuzz/run.sh.

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
    var counts = ResultCounts()
    do throws(ReportError) {
        try parser.parse(source) { event in
            if case .result(let result) = event { counts.add(result.status) }
        }
    } catch {
        _ = error.description  // every error must describe itself
    }
    precondition(counts.total == counts.passed + counts.failed + counts.errored + counts.skipped)
    return 0
}
