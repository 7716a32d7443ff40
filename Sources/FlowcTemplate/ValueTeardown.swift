// Freeing a list, dict or tuple releases its items, and each item that is itself a container
// frees its own items from inside that release: one stack frame per level. A template can nest
// lists 300,000 deep (`{% set ns.l = [ns.l] %}` in loops) and then crashed when the render's
// values were freed (found by fuzzing). So a dying container hands its nested containers to a
// work list that frees them one at a time; only containers no one else holds are taken apart,
// so shared data, cycles included, is left alone.

enum ValueTeardown {
    /// Whether freeing `items` could recurse: whether any is a non-empty container.
    static func nests(_ items: [Value]) -> Bool {
        items.contains { v in
            switch v {
            case .list(let l): return !l.items.isEmpty
            case .dict(let d): return d.count > 0
            case .tuple(let t): return !t.isEmpty
            default: return false
            }
        }
    }

    /// Frees `pending` and everything only it holds without recursing. The caller passes the
    /// only reference to the array, so that popping moves each item out rather than copying it.
    static func free(_ pending: inout [Value]) {
        while let v = pending.popLast() {
            switch v {
            case .tuple(let items):
                // a tuple is an array value: holding its items here first means freeing it
                // only lowers their counts
                pending.append(contentsOf: items)
                continue
            case .list, .dict:
                break
            default:
                continue
            }
            // the boxes come back as the only references the work list had (a pattern-bound
            // copy would count twice and never look unshared)
            var (list, dict) = boxes(consume v)
            if isKnownUniquelyReferenced(&list), let box = list {
                pending.append(contentsOf: box.items)
                box.items = []
            } else if isKnownUniquelyReferenced(&dict), let box = dict {
                pending.append(contentsOf: box.takeAll())
            }
        }
    }

    private static func boxes(_ v: consuming Value) -> (ListBox?, DictBox?) {
        switch v {
        case .list(let l): return (l, nil)
        case .dict(let d): return (nil, d)
        default: return (nil, nil)
        }
    }
}
