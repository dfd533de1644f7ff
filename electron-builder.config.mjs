// Installers: `npm run dist` (the host platform's) and `npm run dist:dir` (the unpacked app). See README "Installing"
// and ARCHITECTURE "Packaging". scripts/pack-check.mjs packs with this same configuration and checks the result.

/** The fuses flipped in the packaged Electron binary (@electron/fuses, applied by electron-builder right before signing). */
export const ELECTRON_FUSES = {
  // No `ELECTRON_RUN_AS_NODE=1 RSC Workbench.exe evil.js`: the signed binary never runs as a bare Node.
  runAsNode: false,
  // NODE_OPTIONS and --inspect would let anyone who can start the app inject code or attach a debugger.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  // The app's code is only what the signed asar holds: its header hash is checked (macOS, Windows), and loose files beside it are ignored.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // The renderer is served on rscw://app; file:// gets no extra privileges.
  grantFileProtocolExtraPrivileges: false,
};

/** Inside the asar, but loaded by the OS, not by Electron's asar reader: these go to app.asar.unpacked. */
export const ASAR_UNPACK = ['node_modules/better-sqlite3/build/Release/*.node'];

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'com.rscworkbench.desktop',
  productName: 'RSC Workbench',
  executableName: 'rsc-workbench',
  copyright: 'Copyright © RSC Workbench contributors',
  directories: { output: 'release', buildResources: 'resources/icons' },
  files: [
    'out/**/*',
    'package.json',
    '!out/**/*.map',
    // better-sqlite3's sources and build intermediates: only build/Release/*.node and lib/ are loaded.
    '!node_modules/better-sqlite3/{deps,src,binding.gyp}',
    '!node_modules/better-sqlite3/build/{Release/obj,Release/obj.target,Release/.deps,Release/test_extension.node,deps}',
    '!node_modules/better-sqlite3/build/*.{mk,gypi,Makefile}',
    '!node_modules/better-sqlite3/build/Makefile',
    '!node_modules/**/{README.md,CHANGELOG.md,*.d.ts,*.map}',
  ],
  // Presets and the sample workbook, read by the backend from <resources>/resources (electron/main/index.ts).
  extraResources: [
    { from: 'resources/presets', to: 'resources/presets' },
    { from: 'resources/samples', to: 'resources/samples', filter: ['*.xlsx'] },
  ],
  asar: true,
  asarUnpack: ASAR_UNPACK,
  // better-sqlite3 publishes no binary for Electron 45: electron-builder compiles it against Electron's headers.
  // Without this it would look for a prebuilt one, fail, and keep the Node build (which Electron cannot load).
  buildDependenciesFromSource: true,
  npmRebuild: true,
  electronFuses: ELECTRON_FUSES,
  fileAssociations: [
    {
      ext: 'rscw',
      name: 'RSC Workbench workspace',
      description: 'RSC Workbench workspace',
      mimeType: 'application/x-rsc-workbench-workspace',
      role: 'Editor',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icons',
    synopsis: 'Import ATS exports, check LinkedIn RSC compliance, fix, sync, audit',
    maintainer: 'RSC Workbench <rsc-workbench@users.noreply.github.com>',
  },
  deb: {},
  win: { target: 'nsis', icon: 'resources/icons/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    target: 'dmg',
    category: 'public.app-category.business',
    icon: 'resources/icons/icon.icns',
    hardenedRuntime: true,
  },
};
