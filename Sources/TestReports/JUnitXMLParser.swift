import CLibXML2
import Foundation

/// Reads JUnit/xUnit XML in every common flavor (pytest, Surefire with reruns, jest-junit, mocha,
/// vitest, go-junit-report, ctest, Catch2, PHPUnit, bazel, cargo-nextest, `swift test
/// --xunit-output`, nested suites) in flat memory.
///
/// It drives libxml2's SAX2 push parser, the engine under `xmlTextReader`, directly: the reader
/// builds every text node whole and, without `XML_PARSE_HUGE`, stops at 10 MB, while the push parser
/// hands text on in pieces, so a 200 MB `<system-out>` keeps only a bounded head and tail.
/// Entities declared in a DTD are never expanded and nothing is loaded from outside the file.
public struct JUnitXMLParser: ReportParser {
    public init() {}

    public func parse(_ source: ReportSource, emit: (ParseEvent) -> Void) throws(ReportError) {
        let skipped = try Self.skipLeadingWhitespace(in: source)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ReportSource.chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        var count = try source.read(into: buffer)
        guard count > 0 else { throw .empty(file: source.name) }

        try withoutActuallyEscaping(emit) { emit throws(ReportError) in
            let reader = JUnitSAXReader(file: source.name, lineOffset: skipped, emit: emit)
            var handler = JUnitSAXReader.handler()
            let firstBytes = Int32(min(count, 4))
            guard
                let context = xmlCreatePushParserCtxt(
                    &handler, Unmanaged.passUnretained(reader).toOpaque(),
                    buffer.baseAddress?.assumingMemoryBound(to: CChar.self), firstBytes, source.name)
            else { throw .unreadable(file: source.name, reason: "libxml2 could not start a parser") }
            defer { xmlFreeParserCtxt(context) }
            reader.context = context
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))

            var offset = Int(firstBytes)
            while reader.failure == nil {
                if count == 0 {
                    xmlParseChunk(context, nil, 0, 1)
                    break
                }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[offset..<count])
                if Self.feed(chunk, to: context) != 0 { break }
                offset = 0
                count = try source.read(into: buffer)
            }
            if let failure = reader.failure { throw failure }
            if context.pointee.wellFormed == 0 {
                throw JUnitSAXReader.reportError(xmlCtxtGetLastError(context), file: source.name, lineOffset: skipped)
            }
            if !reader.sawRoot { throw .empty(file: source.name) }
        }
    }

    /// Hands bytes to libxml2. Inside a CDATA section its push parser passes on only 300 bytes a
    /// call and fails once 10 MB wait unread, so there the bytes go in small pieces, each drained.
    private static func feed(_ bytes: UnsafeRawBufferPointer, to context: xmlParserCtxtPtr) -> Int32 {
        let piece = 1024
        var offset = 0
        while offset < bytes.count {
            let inCDATA = context.pointee.instate == XML_PARSER_CDATA_SECTION
            let size = inCDATA ? min(piece, bytes.count - offset) : bytes.count - offset
            let start = bytes.baseAddress?.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            var status = xmlParseChunk(context, start, Int32(size), 0)
            offset += size
            while status == 0, context.pointee.instate == XML_PARSER_CDATA_SECTION,
                let input = context.pointee.input, input.pointee.end - input.pointee.cur > piece
            {
                status = xmlParseChunk(context, nil, 0, 0)
            }
            if status != 0 { return status }
        }
        return 0
    }

    /// Drops blank lines before `<?xml` (a strict parser refuses them; several tools write them)
    /// and returns how many lines were dropped, to keep reported line numbers right.
    private static func skipLeadingWhitespace(in source: ReportSource) throws(ReportError) -> Int {
        let head = try source.peek(4096)
        let blanks = head.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if blanks.count == head.count, head.count < 4096 { throw .empty(file: source.name) }
        guard !blanks.isEmpty, blanks.count < head.count else { return 0 }
        let discard = UnsafeMutableRawBufferPointer.allocate(byteCount: blanks.count, alignment: 1)
        defer { discard.deallocate() }
        _ = try source.read(into: discard)
        return blanks.count { $0 == 0x0A }
    }

    /// Seconds from a JUnit `time` attribute: `1.5`, `1,234.5`, `1e-3`; `nil` for missing, empty,
    /// negative or unreadable values.
    static func seconds(from text: String?) -> Double? {
        guard let text else { return nil }
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard let value = Double(cleaned), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

/// Receives libxml2's SAX2 callbacks and forwards them to a `JUnitReportBuilder`.
private final class JUnitSAXReader {
    let file: String
    let lineOffset: Int
    var builder: JUnitReportBuilder
    var context: xmlParserCtxtPtr?
    /// The first error; parsing stops at it.
    var failure: ReportError?
    var sawRoot = false
    /// Names of the elements open now, outermost first.
    private var openElements: [String] = []

    init(file: String, lineOffset: Int, emit: @escaping (ParseEvent) -> Void) {
        self.file = file
        self.lineOffset = lineOffset
        self.builder = JUnitReportBuilder(emit: emit)
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> JUnitSAXReader {
        Unmanaged<JUnitSAXReader>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// A SAX2 handler with only what JUnit needs: no entity declarations are recorded, so no
    /// entity but the five predefined ones and character references is ever expanded.
    static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { pointer, localName, _, _, _, _, attributeCount, _, attributes in
            JUnitSAXReader.from(pointer).startElement(localName, attributeCount, attributes)
        }
        handler.endElementNs = { pointer, localName, _, _ in
            JUnitSAXReader.from(pointer).endElement(String(cString: localName!))
        }
        handler.characters = { pointer, bytes, length in
            JUnitSAXReader.from(pointer).builder.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { pointer, error in
            JUnitSAXReader.from(pointer).record(error)
        }
        return handler
    }

    private func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let name = String(cString: localName!)
        if !sawRoot {
            sawRoot = true
            if let looksLike = JUnitReportBuilder.unsupportedRoot(name) {
                failure = .unsupported(file: file, looksLike: looksLike)
                xmlStopParser(context)
                return
            }
        }
        var pairs: [(name: String, value: String)] = []
        pairs.reserveCapacity(Int(attributeCount))
        if let attributes {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<Int(attributeCount) {
                let base = attributes + index * 5
                guard let attributeName = base[0], let start = base[3], let end = base[4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                pairs.append((String(cString: attributeName), value))
            }
        }
        openElements.append(name)
        builder.start(element: name, attributes: JUnitAttributes(pairs: pairs))
    }

    private func endElement(_ name: String) {
        openElements.removeLast()
        builder.end(element: name)
    }

    private func record(_ error: xmlErrorPtr?) {
        guard failure == nil, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        failure = Self.reportError(error, file: file, lineOffset: lineOffset)
        // libxml2 calls a file that stops inside an element "extra content at the end".
        if error.pointee.code == XML_ERR_DOCUMENT_END.rawValue, let open = openElements.last,
            case let .malformed(location, _) = failure
        {
            failure = .malformed(location, reason: "unexpected end of file inside <\(open)>: the report is cut short")
        }
    }

    static func reportError(_ error: xmlErrorPtr?, file: String, lineOffset: Int) -> ReportError {
        guard let error else {
            return .malformed(SourceLocation(file: file), reason: "the XML is not well-formed")
        }
        let line = error.pointee.line > 0 ? Int(error.pointee.line) + lineOffset : nil
        let column = error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil
        var message = error.pointee.message.map { String(cString: $0) } ?? "the XML is not well-formed"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if error.pointee.code == XML_ERR_UNDECLARED_ENTITY.rawValue {
            message += " (ptupload never expands entities declared in a DTD)"
        }
        message = message.prefix(1).lowercased() + message.dropFirst()
        return .malformed(SourceLocation(file: file, line: line, column: column), reason: message)
    }
}
