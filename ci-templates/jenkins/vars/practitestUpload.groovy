// A Jenkins shared-library step: practitestUpload(reports: 'reports/', projectId: '4566',
// setName: 'Nightly', credentialsId: 'practitest-token', options: '--create-missing').
// The token comes from Jenkins credentials into PRACTITEST_TOKEN; the shell below reads only
// environment variables, so nothing is interpolated by Groovy into the command line.
def call(Map args = [:]) {
    def settings = [
        "PTUPLOAD_REPORTS=${args.reports ?: 'reports/'}",
        "PTUPLOAD_OPTIONS=${args.options ?: '--create-missing'}",
        "PTUPLOAD_BIN=${args.binary ?: 'ptupload'}",
    ]
    if (args.projectId) { settings << "PRACTITEST_PROJECT_ID=${args.projectId}" }
    if (args.setName) { settings << "PRACTITEST_SET_NAME=${args.setName}" }
    if (args.setId) { settings << "PRACTITEST_SET_ID=${args.setId}" }
    withEnv(settings) {
        withCredentials([string(credentialsId: args.credentialsId ?: 'practitest-token', variable: 'PRACTITEST_TOKEN')]) {
            sh '''
                "$PTUPLOAD_BIN" upload $PTUPLOAD_OPTIONS \
                    --summary-file practitest-summary.md --json-summary practitest-summary.json $PTUPLOAD_REPORTS
            '''
        }
    }
    archiveArtifacts artifacts: '.ptupload/**, practitest-summary.*', allowEmptyArchive: true
}
