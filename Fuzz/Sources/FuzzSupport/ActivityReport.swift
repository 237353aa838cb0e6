import Foundation
@testable import BantinKit

/// An activity report (`.csv` or `.xlsx`, by `fileExtension`) read as the build reads one:
/// the spreadsheet reader, then the header and every cell matched against Linh Sơn's campaign.
public func fuzzActivityReport(_ data: Data, fileExtension: String) {
    let site = LinhSon.site
    let path = "content/campaigns/fuzz/progress/fuzz.\(fileExtension)"
    var diagnostics = Diagnostics()
    for campaign in site.campaigns {
        _ = ProgressLoader.read(data, relativePath: path, campaign: campaign, units: site.units, into: &diagnostics)
    }
    // Only a CSV's rows are its lines; an xlsx row number may be anything up to Excel's 1,048,576.
    fuzzCheckPositions(diagnostics, file: path, lines: fileExtension == "csv" ? lineCount(data) : 1_048_576)
}
