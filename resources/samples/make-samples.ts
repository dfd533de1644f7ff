// Generates the bundled sample ATS export: resources/samples/sample-ats-export.xlsx.
// Run: npx tsx resources/samples/make-samples.ts
//
// A realistic, mostly (not all) compliant export, the way a customer's ATS report arrives:
// Greenhouse-style headers, date cells, a "View" hyperlink for profile URLs, a title block
// above one header, a trailing total row, and a handful of records a consultant must fix
// (missing descriptions, a relative apply URL, a bad email, a "Draft" status, an ambiguous
// date, a blank key). Deterministic: a seeded generator and fixed workbook dates.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'sample-ats-export.xlsx');
const FIXED_DATE = new Date(Date.UTC(2025, 5, 30, 12, 0, 0));

/** mulberry32: a tiny seeded PRNG, so every run writes the same rows. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20250630);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const day = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

const ORG = 'urn:li:organization:2414183';
const TITLES = [
  'Senior Backend Engineer', 'Product Designer', 'Data Analyst', 'Customer Success Manager', 'DevOps Engineer',
  'Marketing Manager', 'Account Executive', 'QA Engineer', 'HR Business Partner', 'Frontend Engineer',
  'Financial Controller', 'Technical Writer', 'Support Specialist', 'Engineering Manager', 'Sales Development Representative',
];
const DEPARTMENTS = ['Engineering', 'Design', 'Data', 'Customer Success', 'Marketing', 'Sales', 'People', 'Finance'];
const LOCATIONS: [string, string, string][] = [
  ['Berlin, Germany', 'DE', '10115'], ['Amsterdam, Netherlands', 'NL', '1012'], ['London, United Kingdom', 'GB', 'EC1A 1BB'],
  ['Austin, TX', 'US', '73301'], ['New York, NY', 'US', '10001'], ['Paris, France', 'FR', '75001'], ['Dublin, Ireland', 'IE', 'D02'],
];
const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kate', 'Luca', 'Maya', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Schmidt', 'de Vries', 'Dubois', 'Okafor', 'Yılmaz', 'Haddad', 'Nguyen', 'Tanaka', 'García', 'Berg', "O'Brien", 'Rossi', 'Patel', 'Müller', 'Ivanova', 'Santos', 'Kim', 'Lopez', 'Larsen', 'Singh'];
const SOURCES = ['LinkedIn', 'Referral', 'Company Website', 'Indeed', 'Career Fair', 'Agency', 'Glassdoor'];
const STAGES = ['Application Review', 'Phone Screen', 'Technical Interview', 'Onsite Interview', 'Offer', 'Hired', 'Rejected'];
const REJECTIONS = ['Not enough experience', 'Salary expectations', 'Position filled', 'Withdrew', 'Culture add mismatch'];

function description(title: string, department: string): string {
  return (
    `As our ${title} in the ${department} team you will own meaningful work from day one. ` +
    'You will collaborate with a friendly cross-functional team, ship improvements every week, and help customers succeed. ' +
    'We offer flexible hours, a learning budget and 30 days of paid leave.'
  );
}

function header(ws: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  ws.views = [{ state: 'frozen', ySplit: row.number }];
}

interface Job {
  id: string;
  title: string;
}

function jobsSheet(wb: ExcelJS.Workbook): Job[] {
  const ws = wb.addWorksheet('Jobs');
  ws.columns = [
    { width: 10 }, { width: 30 }, { width: 60 }, { width: 24 }, { width: 9 }, { width: 11 }, { width: 10 }, { width: 44 },
    { width: 13 }, { width: 18 }, { width: 28 },
  ];
  header(ws, ws.addRow(['Job ID', 'Job Title', 'Job Description', 'Location', 'Country', 'Postal Code', 'Status', 'Apply URL', 'Posted Date', 'Department', 'Organization URN']));
  const jobs: Job[] = [];
  for (let i = 0; i < 30; i++) {
    const id = String(4100 + i * 7);
    const title = TITLES[i % TITLES.length] + (i >= TITLES.length ? ' II' : '');
    const department = pick(DEPARTMENTS);
    const [location, country, postal] = pick(LOCATIONS);
    const posted = addDays(day(2025, 1, 6), Math.floor(random() * 150));
    const status = i % 6 === 5 ? pick(['Closed', 'Filled']) : 'Open';
    const row = ws.addRow([
      id, title, description(title, department), location, country, postal, status,
      `https://careers.example.com/jobs/${id}`, posted, department, ORG,
    ]);
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    jobs.push({ id, title });
  }
  // What a consultant has to fix.
  ws.getCell('C4').value = null; // missing description
  ws.getCell('C12').value = 'TBD'; // too short
  ws.getCell('H7').value = '/careers/jobs/4135'; // relative apply URL
  ws.getCell('G9').value = 'Draft'; // a status with no RSC meaning
  ws.getCell('I15').value = '03/04/2025'; // day/month order unknown
  ws.getCell('D18').value = 'Remote'; // not CITY,STATE or CITY,COUNTRY
  ws.getCell('K22').value = null; // no organization URN
  return jobs;
}

interface Candidate {
  id: string;
  first: string;
  last: string;
  email: string;
  created: Date;
}

function candidatesSheet(wb: ExcelJS.Workbook): Candidate[] {
  const ws = wb.addWorksheet('Candidates');
  ws.columns = [{ width: 13 }, { width: 12 }, { width: 14 }, { width: 32 }, { width: 10 }, { width: 18 }, { width: 18 }, { width: 16 }, { width: 28 }];
  header(ws, ws.addRow(['Candidate ID', 'First Name', 'Last Name', 'Email', 'Profile URL', 'Created At', 'Last Updated', 'Phone', 'LinkedIn Person URN']));
  const candidates: Candidate[] = [];
  for (let i = 0; i < 40; i++) {
    const id = String(880_100 + i * 13);
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const email = `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '') + `${i}@mail.example.org`;
    const created = addDays(day(2025, 1, 10, 9, 30), Math.floor(random() * 120));
    const updated = addDays(created, 1 + Math.floor(random() * 30));
    const row = ws.addRow([
      id, first, last, email, null, created, updated, `+49 30 ${String(1_000_000 + i * 7919).slice(0, 7)}`,
      i % 5 === 0 ? `urn:li:person:${(i * 104729).toString(36)}AbC` : null,
    ]);
    // The ATS report links each profile with the text "View": the link target is the value.
    row.getCell(5).value = { text: 'View', hyperlink: `https://ats.example.com/people/${id}` };
    row.getCell(6).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(7).numFmt = 'yyyy-mm-dd hh:mm';
    candidates.push({ id, first, last, email, created });
  }
  ws.getCell('D6').value = 'ben.de.vries@'; // not an email address
  ws.getCell('D10').value = null; // no email and no person URN
  ws.getCell('I10').value = null;
  ws.getCell('C14').value = null; // no last name
  ws.getCell('A30').value = null; // no candidate id: the row cannot be a record
  return candidates;
}

interface Application {
  id: string;
  created: Date;
  outcome: string;
}

function applicationsSheet(wb: ExcelJS.Workbook, jobs: Job[], candidates: Candidate[]): Application[] {
  const ws = wb.addWorksheet('Applications');
  ws.columns = [{ width: 15 }, { width: 13 }, { width: 9 }, { width: 30 }, { width: 12 }, { width: 14 }, { width: 32 }, { width: 17 }, { width: 18 }, { width: 18 }, { width: 24 }, { width: 20 }];
  header(ws, ws.addRow([
    'Application ID', 'Candidate ID', 'Job ID', 'Job Title', 'First Name', 'Last Name', 'Email', 'Source', 'Applied At',
    'Last Activity', 'Rejection Reason', 'Current Stage',
  ]));
  const applications: Application[] = [];
  for (let i = 0; i < 50; i++) {
    const id = `APP-${String(23_000 + i * 11)}`;
    const candidate = candidates[i % 29];
    const job = jobs[(i * 3) % jobs.length];
    const created = addDays(candidate.created, Math.floor(random() * 5));
    const modified = addDays(created, 2 + Math.floor(random() * 40));
    const outcome = i % 7 === 3 ? 'Rejected' : i % 11 === 0 ? 'Hired' : pick(STAGES.slice(0, 5));
    const row = ws.addRow([
      id, candidate.id, job.id, job.title, candidate.first, candidate.last, candidate.email, pick(SOURCES), created, modified,
      outcome === 'Rejected' ? pick(REJECTIONS) : null, outcome,
    ]);
    row.getCell(9).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(10).numFmt = 'yyyy-mm-dd hh:mm';
    applications.push({ id, created, outcome });
  }
  ws.getCell('H8').value = null; // no source
  ws.getCell('G20').value = 'not-an-email'; // bad email
  ws.getCell('I33').value = '2025-13-01'; // impossible date
  return applications;
}

function stagesSheet(wb: ExcelJS.Workbook, applications: Application[]): void {
  const ws = wb.addWorksheet('Stage history');
  ws.columns = [{ width: 15 }, { width: 22 }, { width: 18 }, { width: 22 }];
  // A report title and a blank row above the header, as report builders write them.
  ws.addRow(['Application stage history — exported 2025-06-30']).font = { bold: true, size: 14 };
  ws.mergeCells('A1:D1');
  ws.addRow([]);
  header(ws, ws.addRow(['Application ID', 'Stage', 'Entered At', 'Moved By']));
  let count = 0;
  for (const app of applications.slice(0, 20)) {
    const path = app.outcome === 'Rejected' ? ['Application Review', 'Rejected'] : STAGES.slice(0, 2 + Math.floor(random() * 3));
    let at = app.created;
    for (const stage of path) {
      const row = ws.addRow([app.id, stage, at, pick(['Recruiter', 'Hiring Manager', 'Coordinator'])]);
      row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
      at = addDays(at, 1 + Math.floor(random() * 9));
      count++;
    }
  }
  ws.getCell(`B${ws.rowCount - 2}`).value = 'Not Available'; // a placeholder the RSC rejects
  const total = ws.addRow(['Total', `${count} stage changes`]);
  total.font = { italic: true };
}

/**
 * The zip writer stamps every entry with the current time: fixing the stamps makes the file
 * byte-for-byte the same on every run, so regenerating it changes nothing in git.
 */
function fixZipTimes(zip: Buffer): Buffer {
  const DOS_TIME = 0x6000; // 12:00:00
  const DOS_DATE = ((2025 - 1980) << 9) | (6 << 5) | 30; // 2025-06-30
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    zip.writeUInt16LE(DOS_TIME, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

const wb = new ExcelJS.Workbook();
wb.creator = 'RSC Workbench sample generator';
wb.created = FIXED_DATE;
wb.modified = FIXED_DATE;
const jobs = jobsSheet(wb);
const candidates = candidatesSheet(wb);
const applications = applicationsSheet(wb, jobs, candidates);
stagesSheet(wb, applications);
writeFileSync(OUT, fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer())));
console.log(`Wrote ${OUT}`);
