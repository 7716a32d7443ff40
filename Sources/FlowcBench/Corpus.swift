// The benchmark workload: three macro packages and N generated models, kept in memory and
// optionally written out as DIR/macros/*.sql and DIR/models/*.sql for bench_jinja2.py.

struct CorpusFile {
    let name: String
    let text: String
}

struct Corpus {
    let packages: [CorpusFile]
    let models: [CorpusFile]

    static let seed: UInt64 = 0xF10C_BE7C_2026

    static func generate(models count: Int) -> Corpus {
        let packages = [
            CorpusFile(name: PackageUtils.fileName, text: PackageUtils.text()),
            CorpusFile(name: PackageExpectations.fileName, text: PackageExpectations.text()),
            CorpusFile(name: PackageCodegen.fileName, text: PackageCodegen.text()),
        ]
        var generator = ModelGenerator(seed: seed)
        var models: [CorpusFile] = []
        models.reserveCapacity(count)
        for i in 0..<count {
            let (name, text) = generator.model(index: i)
            models.append(CorpusFile(name: name + ".sql", text: text))
        }
        return Corpus(packages: packages, models: models)
    }

    var allFiles: [CorpusFile] { packages + models }

    var totalBytes: Int { allFiles.reduce(0) { $0 + $1.text.utf8.count } }

    /// Writes DIR/macros and DIR/models (creating DIR).
    func write(to dir: String) throws {
        try FileIO.makeDirectories(dir + "/macros")
        try FileIO.makeDirectories(dir + "/models")
        for f in packages { try FileIO.write(dir + "/macros/" + f.name, f.text) }
        for f in models { try FileIO.write(dir + "/models/" + f.name, f.text) }
    }
}
