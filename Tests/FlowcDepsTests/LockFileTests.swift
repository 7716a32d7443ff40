// package-lock.yml's text against the files dbt 1.11.16 wrote (FINDINGS.md §1, §7), and the
// PyYAML scalar styles it depends on (checked with python3 -c 'import yaml; print(yaml.dump(...))').
@testable import FlowcDeps
import FlowcProject
import Testing

@Suite struct LockFileTests {
    @Test func writesWhatDbtWrites() {
        let lock = LockFile(packages: [
            LockedPackage(source: .local(path: "../src/pkg_a_src"), name: "pkg_a"),
            LockedPackage(source: .git(url: "file:///tmp/depsvec/git/pkg_b.git", revision: "77018cb5993bb65f02a86ed65e2d1a416da05d31",
                                       subdirectory: nil), name: "pkg_b"),
            LockedPackage(source: .git(url: "/tmp/depsvec/git/pkg_e.git", revision: "869196b066d702c8c81ea69e97272e02013eaa1a",
                                       subdirectory: nil), name: "pkg_e"),
            LockedPackage(source: .git(url: "file:///tmp/depsvec/git/mono.git", revision: "cf01b9e640343ee154fa3ee9a282078b91cd825f",
                                       subdirectory: "dbt/pkg_d_src"), name: "pkg_d"),
            LockedPackage(source: .local(path: "../src/pkg_c_src"), name: "pkg_c"),
        ], sha1Hash: "476110761be3907ed5f60d32f058a33e746961f1")
        #expect(lock.text == """
            packages:
              - local: ../src/pkg_a_src
                name: pkg_a
              - git: file:///tmp/depsvec/git/pkg_b.git
                name: pkg_b
                revision: 77018cb5993bb65f02a86ed65e2d1a416da05d31
              - git: /tmp/depsvec/git/pkg_e.git
                name: pkg_e
                revision: 869196b066d702c8c81ea69e97272e02013eaa1a
              - git: file:///tmp/depsvec/git/mono.git
                name: pkg_d
                revision: cf01b9e640343ee154fa3ee9a282078b91cd825f
                subdirectory: dbt/pkg_d_src
              - local: ../src/pkg_c_src
                name: pkg_c
            sha1_hash: 476110761be3907ed5f60d32f058a33e746961f1

            """)
    }

    @Test func keepsAnUnrenderedURLQuoted() {
        let lock = LockFile(packages: [
            LockedPackage(source: .git(url: "{{ env_var('GIT_URL') }}", revision: "77018cb5993bb65f02a86ed65e2d1a416da05d31",
                                       subdirectory: nil), name: "pkg_b"),
        ], sha1Hash: "0a678f59224cbe17206cd74a64130385642bf2bb")
        #expect(lock.text == """
            packages:
              - git: '{{ env_var(''GIT_URL'') }}'
                name: pkg_b
                revision: 77018cb5993bb65f02a86ed65e2d1a416da05d31
            sha1_hash: 0a678f59224cbe17206cd74a64130385642bf2bb

            """)
    }

    @Test func scalarStylesMatchPyYAML() {
        // quoted: would read back as another type, or starts with an indicator, or has ': ' / ' #'
        for (value, written) in [("1.0", "'1.0'"), ("true", "'true'"), ("null", "'null'"), ("", "''"), ("0123", "'0123'"),
                                 ("123_4", "'123_4'"), ("1234567890123456789012345678901234567890", "'1234567890123456789012345678901234567890'"),
                                 ("#x", "'#x'"), ("%x", "'%x'"), ("@x", "'@x'"), ("a: b", "'a: b'"), ("a #b", "'a #b'"),
                                 ("2001-12-14", "'2001-12-14'"), ("yes", "'yes'"), ("~", "'~'"), (" a", "' a'"),
                                 ("é-unicode", "\"\\xE9-unicode\""), ("tab\there", "\"tab\\there\""), ("it's", "it's")] {
            #expect(PyYAMLScalar.quote(value) == written, "\(value)")
        }
        // plain
        for value in ["git@github.com:org/repo.git", "https://x.org/a.git", "~/x", "-x", "12345e7890", "1.5e3", "v1.0",
                      "a:b", "a#b", "2001-12-1", "../src/pkg"] {
            #expect(PyYAMLScalar.quote(value) == value, "\(value)")
        }
    }
}
