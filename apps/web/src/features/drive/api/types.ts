// The cloud-drive shapes come from the server's schemas; the page names the folder type as it
// reads best here.
export type { DriveFile, FileKind, FileVersion, Folder as DriveFolder, RecycledFile } from '@hall/shared/schemas/drive';
export type { Job } from '@hall/shared/schemas/jobs';
