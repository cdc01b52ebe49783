import type { CreateProjectBody, Project } from '@hall/shared/schemas/applications';
import { apiFetch } from '../../../lib/api.ts';

export type { Project } from '@hall/shared/schemas/applications';

export function listProjects(signal?: AbortSignal): Promise<Project[]> {
  return apiFetch<Project[]>('/api/projects', { signal });
}

export function createProject(body: CreateProjectBody): Promise<Project> {
  return apiFetch<Project>('/api/projects', { method: 'POST', body });
}
