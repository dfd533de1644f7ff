import type { Category } from '../../../../shared/domain';

/** Column headers one ATS documents for its exports, reports or data model, and where that is written. */
export interface AtsHeaderList {
  ats: string;
  /** The public page the headers come from. */
  source: string;
  headers: Partial<Record<Category, Record<string, string[]>>>;
}

/**
 * Headers of the major ATSs' documented exports and report columns, per RSC field, each list
 * beside the page it was read from (looked up 2026-12-08). Merged into HEADER_SYNONYMS; a header
 * listed there already is not repeated. Report column labels are kept as the ATS writes them
 * ("Req. Identifier"): matching ignores case, spaces and punctuation.
 */
export const ATS_HEADER_LISTS: AtsHeaderList[] = [
  {
    ats: 'Greenhouse',
    source: 'https://developers.greenhouse.io/harvest.html (Application and Candidate objects: applied_at, last_activity_at, rejection_reason, source, current_stage)',
    headers: {
      applications: {
        atsCreatedAt: ['Applied At', 'applied_at'],
        atsLastModifiedAt: ['Last Activity At', 'last_activity_at'],
        dispositionReason: ['Rejection Reason', 'rejection_reason', 'Rejection Reason Type'],
        source: ['Source', 'Source Public Name'],
      },
      candidates: {
        atsCreatedAt: ['created_at'],
        atsLastModifiedAt: ['updated_at'],
      },
      stages: { stage: ['Current Stage', 'current_stage'] },
    },
  },
  {
    ats: 'Lever',
    source: 'https://help.lever.co/hc/en-us/articles/20087470372381-Migrating-Your-Data-Self-Service (Full-Name, Email, Date-Added, Stage, Archive-Reason, Archive-Date, Sources, Origin)',
    headers: {
      applications: {
        atsCreatedAt: ['Date-Added', 'Date Added'],
        dispositionReason: ['Archive-Reason', 'Archive Reason', 'Archived Reason'],
        source: ['Sources'],
      },
      candidates: { atsCreatedAt: ['Date-Added'] },
      stages: { stage: ['Stage'], atsCreatedAt: ['Archive-Date'] },
    },
  },
  {
    ats: 'Oracle Taleo',
    source: 'https://docs.oracle.com/en/cloud/saas/taleo-enterprise/23c/otbou/c-candidatedetails.html (Candidate Details report columns)',
    headers: {
      jobs: { externalJobPostingId: ['Req. Identifier', 'Requisition Identifier'], title: ['Req. Title', 'Requisition Title'] },
      applications: {
        atsCandidateId: ['Candidate Identifier'],
        atsJobPostingId: ['Req. Identifier'],
        atsJobPostingName: ['Req. Title'],
        candidateEmail: ['Candidate Email'],
      },
      candidates: { atsCandidateId: ['Candidate Identifier'], emailAddresses: ['Candidate Email'] },
      stages: { stage: ['Current Step Name', 'Current Status Name'], atsCreatedAt: ['Current Status Start Date'] },
    },
  },
  {
    ats: 'Workable',
    source: 'https://help.workable.com/hc/en-us/articles/7263547772055-Disqualification-reasons-overview; https://help.workable.com/hc/en-us/articles/115012901987-Tracking-candidate-sources (Candidate Breakdown report: Source)',
    headers: {
      applications: { dispositionReason: ['Disqualification Reason', 'Disqualified Reason', 'Disqualify Reason'], source: ['Source'] },
      candidates: { atsCreatedAt: ['Creation Date'] },
    },
  },
  {
    ats: 'Teamtailor',
    source: 'https://fivetran.com/docs/connectors/applications/teamtailor/connector-schema (job_application: rejection_reason_id, changed_stage_at, referring_site, created_at, rejected_at)',
    headers: {
      applications: {
        dispositionReason: ['Rejection Reason', 'Rejection reason'],
        atsLastModifiedAt: ['Changed Stage At', 'changed_stage_at'],
        source: ['Referring Site', 'referring_site'],
      },
      stages: { atsCreatedAt: ['Changed Stage At'], stage: ['Job Stage'] },
    },
  },
  {
    ats: 'SmartRecruiters',
    source: 'https://fivetran.com/docs/connectors/applications/smartrecruiters/connector-schema.md (candidate_status_history: changed_on, status, sub_status); SmartRecruiters Application (appliedOn, updatedOn, status, source)',
    headers: {
      applications: { atsCreatedAt: ['Applied On', 'appliedOn'], atsLastModifiedAt: ['Updated On', 'updatedOn'] },
      stages: { atsCreatedAt: ['Changed On', 'changed_on'], stage: ['Sub Status', 'sub_status'] },
    },
  },
  {
    ats: 'iCIMS',
    source: 'https://developer-community.icims.com/applications/applicant-tracking/ats-data-models/recruiting-workflow (Recruiting Workflow profile); https://community.icims.com/articles/Knowledge/Recruiting-Workflow-Searches-Hired-Candidate-Source-Reports',
    headers: {
      applications: { atsJobApplicationId: ['Recruiting Workflow ID', 'Recruiting Workflow Profile ID'], source: ['Source', 'Source Name', 'Source Origin'] },
      stages: { atsJobApplicationId: ['Recruiting Workflow ID'], stage: ['Recruiting Workflow Status', 'Bin', 'Status'], atsCreatedAt: ['Status Date', 'Status Change Date'] },
    },
  },
  {
    ats: 'Workday',
    source: 'https://schemas.apis.io/schemas/workday-recruiting/recruiting-rest-api-job-application/ (Recruiting REST JobApplication: candidate, jobRequisition, currentStage, dispositionReason, source, appliedOn, updatedOn; references carry id and descriptor); https://github.com/cbdr/cb-workday-proc-api/blob/29ebd4f9cf91e16d90aa866f196850ca9dada26f/src/test/resources/processcandidatesFlowtest/mock_payload3.dwl (SOAP Put_Candidate_Response ID types Candidate_ID, Job_Application_ID, Job_Requisition_ID)',
    headers: {
      jobs: { externalJobPostingId: ['Job_Requisition_ID', 'jobRequisition.id'] },
      applications: {
        atsJobApplicationId: ['Job_Application_ID'],
        atsCandidateId: ['Candidate_ID', 'candidate.id'],
        atsJobPostingId: ['Job_Requisition_ID', 'jobRequisition.id'],
        atsJobPostingName: ['jobRequisition.descriptor'],
        atsCreatedAt: ['appliedOn'],
        atsLastModifiedAt: ['updatedOn'],
        dispositionReason: ['dispositionReason.descriptor'],
        source: ['source.descriptor'],
      },
      candidates: { atsCandidateId: ['Candidate_ID'] },
      stages: { atsJobApplicationId: ['Job_Application_ID'], stage: ['currentStage'] },
    },
  },
  {
    ats: 'SAP SuccessFactors',
    source: 'https://userapps.support.sap.com/sap/support/knowledge/en/3442005 (Integration Center report on the JobApplication entity: jobReqId, applicationId, firstName, lastName, System Status (status)); https://userapps.support.sap.com/sap/support/knowledge/en/3019688 (JobApplication keyed by Job Requisition Id and Candidate Id); https://userapps.support.sap.com/sap/support/knowledge/en/2887152 (JobApplication source); https://userapps.support.sap.com/sap/support/knowledge/en/3096792 (Candidate ID field candidateId); https://prismatic.io/docs/example-payloads/sap-successfactors/actions/listRecords.json and https://prismatic.io/docs/example-payloads/sap-successfactors/actions/createJobApplication.json (OData Candidate: candidateId, primaryEmail, creationDateTime, lastModifiedDateTime; JobApplication: appLastModifiedDateTime)',
    headers: {
      jobs: { externalJobPostingId: ['jobReqId'] },
      applications: {
        atsJobApplicationId: ['applicationId'],
        atsCandidateId: ['candidateId', 'Candidate Id'],
        atsJobPostingId: ['jobReqId', 'Job Requisition Id'],
        atsLastModifiedAt: ['appLastModifiedDateTime'],
        source: ['source'],
      },
      candidates: {
        atsCandidateId: ['candidateId'],
        emailAddresses: ['primaryEmail'],
        atsCreatedAt: ['creationDateTime'],
        atsLastModifiedAt: ['lastModifiedDateTime'],
      },
      stages: { atsJobApplicationId: ['applicationId'] },
    },
  },
  {
    ats: 'BambooHR',
    source: 'https://github.com/BambooHR/bhr-api-python/blob/0a6120c79fc4293be92e9a3728839e229ab30c75/docs/ApplicationDetails.md (BambooHR\'s SDK for GET /api/v1/applicant_tracking/applications: id, applied_date, status {label, date_changed}, applicant {id, first_name, last_name, email}, job {id, title}; docs/ApplicationDetailsStatus.md, docs/ApplicationDetailsApplicant.md, docs/ApplicationDetailsJob.md)',
    headers: {
      applications: {
        atsCreatedAt: ['applied_date'],
        atsCandidateId: ['applicant.id'],
        atsJobPostingId: ['job.id'],
        atsJobPostingName: ['job.title'],
        candidateEmail: ['applicant.email'],
        firstName: ['applicant.first_name'],
        lastName: ['applicant.last_name'],
      },
      candidates: {
        atsCandidateId: ['applicant.id'],
        emailAddresses: ['applicant.email'],
        firstName: ['applicant.first_name'],
        lastName: ['applicant.last_name'],
      },
      stages: { stage: ['status.label'], atsCreatedAt: ['status.date_changed'] },
    },
  },
];
