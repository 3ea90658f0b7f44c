import Foundation
import Testing

@testable import FakePractiTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Paging with links and meta")
struct PagingTests {
    @Test("250 instances come in pages of 100, 100 and 50, linked by absolute links.next")
    func followsNextLinks() async throws {
        let server = try startServer()
        defer { server.stop() }
        let instanceIDs = seedSet(server, count: 250)
        let client = FakeClient(server)
        var url: URL? = client.url("instances.json", query: "set-ids=\(server.sets[0].id)")
        var pageSizes: [Int] = []
        var seen: [String] = []
        var metas: [FakeJSON] = []
        while let next = url {
            let reply = try await client.send(URLRequest(url: next))
            #expect(reply.status == 200)
            let json = try #require(reply.json)
            let data = try #require(json["data"]?.arrayValue)
            pageSizes.append(data.count)
            seen += data.compactMap { $0["id"]?.stringValue }
            metas.append(try #require(json["meta"]))
            let links = try #require(json["links"])
            #expect(links["self"]?.stringValue?.hasPrefix(server.baseURL.absoluteString + "/api/v2/") == true)
            #expect(links["last"]?.stringValue?.contains("page%5Bnumber%5D=3") == true)
            url = links["next"]?.stringValue.flatMap(URL.init(string:))
        }
        #expect(pageSizes == [100, 100, 50])
        #expect(seen == instanceIDs.map(String.init))
        #expect(metas.map { $0["current-page"] } == [1, 2, 3])
        #expect(metas.map { $0["next-page"] } == [2, 3, FakeJSON.null])
        #expect(metas.map { $0["prev-page"] } == [FakeJSON.null, 1, 2])
        #expect(metas.allSatisfy { $0["total-pages"] == 3 && $0["total-count"] == 250 })
    }

    @Test("next links keep the filters as sent and encode the brackets")
    func linksKeepFilters() async throws {
        let server = try startServer()
        defer { server.stop() }
        seedSet(server, count: 3)
        let reply = try await FakeClient(server).get(
            "instances.json", query: "set-ids=\(server.sets[0].id)&page[size]=2")
        let next = try #require(reply.json?["links"]?["next"]?.stringValue)
        #expect(
            next.hasSuffix(
                "/api/v2/projects/1/instances.json?set-ids=\(server.sets[0].id)&page%5Bnumber%5D=2&page%5Bsize%5D=2"))
    }

    @Test("page[number] and page[size] are read with brackets encoded or not")
    func bracketsEitherWay() async throws {
        let server = try startServer()
        defer { server.stop() }
        seedSet(server, count: 5)
        let client = FakeClient(server)
        for query in ["page[number]=2&page[size]=2", "page%5Bnumber%5D=2&page%5Bsize%5D=2"] {
            let reply = try await client.get("instances.json", query: query)
            #expect(reply.json?["data"]?.arrayValue?.count == 2)
            #expect(reply.json?["meta"]?["current-page"] == 2)
            #expect(reply.json?["meta"]?["total-pages"] == 3)
        }
    }

    @Test("a page past the last is empty and has no next link")
    func pastTheLastPage() async throws {
        let server = try startServer()
        defer { server.stop() }
        seedSet(server, count: 5)
        let reply = try await FakeClient(server).get("instances.json", query: "page[number]=9")
        #expect(reply.json?["data"] == [])
        #expect(reply.json?["links"]?["next"] == nil)
        #expect(reply.json?["meta"]?["next-page"] == .null)
    }

    @Test(
        "out-of-range paging and unknown query parameters are 422",
        arguments: [
            "page[size]=101", "page[size]=0", "page[number]=0", "page[number]=x", "name-exact=a", "set_ids=1",
        ])
    func badQueries(query: String) async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).get("instances.json", query: query)
        #expect(reply.status == 422)
        #expect(!reply.errorTitles.isEmpty)
    }
}
