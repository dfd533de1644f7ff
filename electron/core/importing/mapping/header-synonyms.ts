import type { Category } from '../../../../shared/domain';
import { ATS_HEADER_LISTS } from './ats-header-synonyms';

/**
 * Column headers that common ATS exports use for each RSC field (Greenhouse, Lever, Workday,
 * iCIMS, SmartRecruiters, SuccessFactors, Taleo, Workable, Bullhorn, BambooHR, Ashby,
 * Teamtailor, JazzHR, and generic report builders). Compared case-, space- and
 * punctuation-insensitively. A leading "~" marks a generic header ("ID", "Status") that only
 * weakly suggests the field.
 */
export const HEADER_SYNONYMS: Record<Category, Record<string, string[]>> = {
  jobs: {
    integrationContext: [
      'Integration Context', 'Organization URN', 'Organisation URN', 'Company URN', 'LinkedIn Company URN',
      'LinkedIn Organization URN', 'Org URN', 'LinkedIn Organization', 'LinkedIn Company',
    ],
    externalJobPostingId: [
      'Job ID', 'Job Id', 'JobID', 'Requisition ID', 'Req ID', 'Requisition Number', 'Requisition No', 'Req Number',
      'Req #', 'Job Requisition ID', 'Job Req ID', 'Job Code', 'Job Number', 'Job No', 'Posting ID', 'Job Posting ID',
      'Opening ID', 'Position ID', 'Vacancy ID', 'Job Reference', 'Job Ref', 'Reference Number', 'Shortcode',
      'Requisition', 'Job Requisition', 'External Job ID', 'ATS Job ID', 'Job Opening ID', 'Req Identifier',
      '~ID', '~Reference', '~Ref',
    ],
    title: [
      'Job Title', 'Title', 'Posting Title', 'Job Name', 'Position Title', 'Job Posting Title', 'Requisition Title',
      'External Job Title', 'Job Opening Title', 'Opening Title', 'Vacancy Title', 'Posting Name', 'Job Position',
      'Position Name', '~Position', '~Role', '~Job', '~Name', '~Vacancy', '~Opening',
    ],
    description: [
      'Job Description', 'Description', 'Posting Description', 'Job Details', 'Job Ad', 'Job Advertisement',
      'External Description', 'Job Posting Description', 'Description HTML', 'Description (HTML)', 'Full Description',
      'Job Summary', 'Posting Content', '~Content', '~Summary', '~Overview', '~Details',
    ],
    location: [
      'Location', 'Job Location', 'Office', 'Office Location', 'Primary Location', 'Work Location', 'Locations',
      'Location Name', 'Job Location Name', 'City, State', 'City/State', 'City, Country', 'Posting Location',
      '~City', '~Office Name',
    ],
    countryCode: [
      'Country Code', 'Country', 'Job Country', 'Location Country', 'Country ISO', 'Country (ISO)', 'ISO Country',
      'Country Code ISO', 'Work Country',
    ],
    postalCode: ['Postal Code', 'Zip', 'Zip Code', 'Postcode', 'Post Code', 'ZIP/Postal Code', 'Location Postal Code', 'Job Zip Code'],
    state: [
      'Job Status', 'Status', 'Posting Status', 'Requisition Status', 'Job State', 'Open/Closed', 'Open Closed',
      'Job Posting Status', 'Opening Status', 'Listing Status', 'Published Status', '~Active', '~Is Active', '~Live',
    ],
    companyApplyUrl: [
      'Apply URL', 'Application URL', 'Apply Link', 'Job URL', 'Posting URL', 'Job Posting URL', 'Careers Page URL',
      'Career Site URL', 'Job Link', 'External Apply URL', 'Job Board URL', 'Hosted URL', 'Application Link',
      'Apply Url', 'Company Apply URL', 'Job Ad URL', 'Shortlink', 'Public URL', 'Career Page Link', '~URL', '~Link',
    ],
    listedAt: [
      'Posted Date', 'Date Posted', 'Posting Date', 'Published Date', 'Published At', 'Date Published', 'Publish Date',
      'Posted At', 'Posted On', 'Listed At', 'Listed Date', 'Open Date', 'Opened At', 'Date Opened', 'Opened Date',
      'Job Created', 'Created Date', 'Created At', 'Date Created', 'First Published', 'Requisition Open Date',
      'Job Open Date', 'Posting Start Date', '~Created', '~Date',
    ],
  },
  candidates: {
    atsCandidateId: [
      'Candidate ID', 'Candidate Id', 'CandidateID', 'Person ID', 'Applicant ID', 'Profile ID', 'Candidate Number',
      'Candidate No', 'Talent ID', 'Prospect ID', 'Contact ID', 'Candidate Reference', 'ATS Candidate ID',
      'External Candidate ID', 'Candidate Key', '~ID',
    ],
    atsCreatedAt: [
      'Created At', 'Created', 'Created Date', 'Date Created', 'Date Added', 'Added On', 'Creation Date', 'Created On',
      'Candidate Created', 'Candidate Created Date', 'Added Date', 'Date Entered', 'Profile Created', 'ATS Created At',
      '~Added',
    ],
    atsLastModifiedAt: [
      'Last Updated', 'Updated At', 'Last Modified', 'Last Modified Date', 'Modified', 'Modified Date', 'Date Modified',
      'Last Updated Date', 'Updated', 'Updated On', 'Date Last Modified', 'Last Changed', 'Last Edited', 'Modified At',
      'ATS Last Modified At', '~Last Activity', '~Last Activity Date',
    ],
    emailAddresses: [
      'Email', 'Email Address', 'Emails', 'Email Addresses', 'Primary Email', 'Primary Email Address', 'Personal Email',
      'Candidate Email', 'Candidate Email Address', 'Work Email', 'Mail', 'Email 1',
    ],
    externalProfileUrl: [
      'Profile URL', 'Candidate URL', 'Profile Link', 'Candidate Profile URL', 'Candidate Profile Link', 'ATS Profile URL',
      'Link to Profile', 'Candidate Link', 'Profile', 'View Profile', 'Candidate Profile', 'External Profile URL',
      'Greenhouse Profile', 'Lever Profile', 'ATS URL', 'Record URL', 'Name (link)', 'Candidate Name (link)',
      'Candidate (link)', 'Full Name (link)', 'Candidate ID (link)', '~URL', '~Link',
    ],
    firstName: ['First Name', 'Firstname', 'Given Name', 'Forename', 'Candidate First Name', 'Legal First Name', 'First', 'Preferred First Name'],
    lastName: ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Candidate Last Name', 'Legal Last Name', 'Last'],
    manualMatchedMember: [
      'Manual Matched Member', 'LinkedIn Person URN', 'Person URN', 'LinkedIn URN', 'Member URN', 'LinkedIn Member URN',
      'LinkedIn Member', 'LinkedIn ID URN',
    ],
  },
  applications: {
    atsJobApplicationId: [
      'Application ID', 'Application Id', 'ApplicationID', 'Job Application ID', 'Submission ID', 'Job Submission ID',
      'Application Number', 'App ID', 'Recruiting Workflow ID', 'Workflow ID', 'Application Reference',
      'ATS Application ID', 'Candidacy ID', '~ID',
    ],
    atsCandidateId: [
      'Candidate ID', 'Candidate Id', 'CandidateID', 'Person ID', 'Applicant ID', 'Profile ID', 'Candidate Number',
      'Talent ID', 'Contact ID', 'ATS Candidate ID',
    ],
    atsCreatedAt: [
      'Applied At', 'Applied Date', 'Application Date', 'Date Applied', 'Applied On', 'Submitted At', 'Submission Date',
      'Date Submitted', 'Application Created', 'Application Created At', 'Created At', 'Created', 'Created Date',
      'Date Created', 'Apply Date',
    ],
    atsLastModifiedAt: [
      'Last Updated', 'Updated At', 'Last Modified', 'Last Modified Date', 'Modified', 'Date Modified', 'Last Activity',
      'Last Activity Date', 'Last Status Change', 'Status Changed At', 'Last Action Date', 'Updated', 'Modified At',
      'Application Updated At', 'Last Updated Date',
    ],
    atsJobPostingId: [
      'Job ID', 'Job Id', 'JobID', 'Requisition ID', 'Req ID', 'Job Requisition ID', 'Posting ID', 'Job Posting ID',
      'Job Code', 'Requisition Number', 'Job Number', 'Opening ID', 'Position ID', 'Job Reference', 'Req #',
    ],
    atsJobPostingName: [
      'Job Title', 'Job Name', 'Posting Title', 'Requisition Title', 'Position Title', 'Job Applied For', 'Applied For',
      'Job Posting Title', 'Job Opening', 'Opening Title', 'Job', '~Position', '~Role', '~Requisition',
    ],
    candidateEmail: [
      'Email', 'Email Address', 'Candidate Email', 'Candidate Email Address', 'Applicant Email', 'Primary Email',
      'Emails', 'Personal Email',
    ],
    dispositionReason: [
      'Rejection Reason', 'Disposition Reason', 'Disposition', 'Reject Reason', 'Rejected Reason', 'Archive Reason',
      'Reason for Rejection', 'Decline Reason', 'Disqualification Reason', 'Disqualify Reason', 'Rejection Reasons',
      'Reason Rejected', 'Close Reason', 'Withdrawal Reason',
    ],
    firstName: ['First Name', 'Firstname', 'Given Name', 'Forename', 'Candidate First Name', 'Applicant First Name', 'First'],
    lastName: ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Candidate Last Name', 'Applicant Last Name', 'Last'],
    source: [
      'Source', 'Application Source', 'Candidate Source', 'Source Name', 'Source Type', 'Referral Source',
      'Job Board', 'Recruiting Source', 'Sourced From',
    ],
    media: ['Media', 'Media URN', 'Resume Media URN', 'Resume URN', 'Resume Media'],
  },
  stages: {
    atsJobApplicationId: [
      'Application ID', 'Application Id', 'ApplicationID', 'Job Application ID', 'Submission ID', 'Job Submission ID',
      'Application Number', 'App ID', 'Recruiting Workflow ID', 'Workflow ID', 'ATS Application ID',
    ],
    stageId: [
      'Stage ID', 'Stage Id', 'Stage History ID', 'Stage Event ID', 'Activity ID', 'Event ID', 'Status Change ID',
      'Step ID', 'Milestone ID', 'Transition ID', 'History ID', 'Application Stage ID',
    ],
    atsCreatedAt: [
      'Entered At', 'Stage Entered At', 'Date Entered', 'Entered Stage At', 'Entered On', 'Moved At', 'Moved On',
      'Changed At', 'Stage Date', 'Stage Start Date', 'Status Date', 'Status Changed At', 'Transition Date',
      'Timestamp', 'Created At', 'Created', 'Date Created', 'Stage Created At', 'Event Date', 'Date Moved',
      '~Date',
    ],
    stage: [
      'Stage', 'Stage Name', 'Current Stage', 'Pipeline Stage', 'Workflow Step', 'Workflow Status', 'Step', 'Milestone',
      'Application Stage', 'Interview Stage', 'Bin', 'Stage Status', 'New Stage', 'To Stage', 'Status', 'Application Status',
    ],
  },
};

// Each ATS's documented headers, kept beside their sources in ats-header-synonyms.ts.
for (const list of ATS_HEADER_LISTS) {
  for (const [category, byField] of Object.entries(list.headers) as [Category, Record<string, string[]>][]) {
    for (const [field, headers] of Object.entries(byField)) {
      const known = (HEADER_SYNONYMS[category][field] ??= []);
      for (const h of headers) if (!known.includes(h)) known.push(h);
    }
  }
}

/** Words in a sheet's (or file's) name that say which category it holds. Checked in this order: "Application stages" is stages. */
export const SHEET_NAME_HINTS: [RegExp, Category][] = [
  [/stage|history|pipeline|activit|status.?change|movement|transition|workflow/i, 'stages'],
  [/applica|submission|candidac/i, 'applications'],
  [/candidate|people|person|prospect|talent|contact|applicant/i, 'candidates'],
  [/job|requisition|posting|opening|vacanc|position|\breqs?\b/i, 'jobs'],
];
