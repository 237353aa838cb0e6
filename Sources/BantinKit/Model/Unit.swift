/// A recipient unit of the office's letters: a school, the health station, a residential group…
public struct Unit: Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: String
    public var group: String?
    public var contact: String?
    public var order: Int?
    /// Invented names are marked so pages can say so.
    public var sample: Bool
    public var ref: SourceRef
}

/// A kind of unit (trường học, tổ dân phố…) with its Vietnamese label; the list order is the display order.
public struct UnitKind: Sendable, Identifiable {
    public var id: String
    public var label: String

    /// Used when units.yaml declares no `kinds:`.
    static let defaults: [UnitKind] = [
        UnitKind(id: "trung-tam", label: "Trung tâm dịch vụ"),
        UnitKind(id: "truong-hoc", label: "Cơ sở giáo dục"),
        UnitKind(id: "y-te", label: "Y tế"),
        UnitKind(id: "to-dan-pho", label: "Tổ dân phố"),
        UnitKind(id: "co-quan", label: "Cơ quan, đoàn thể"),
        UnitKind(id: "doanh-nghiep", label: "Doanh nghiệp"),
    ]
}
