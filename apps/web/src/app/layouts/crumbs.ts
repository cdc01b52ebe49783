/** Route metadata the breadcrumb reads: "当前位置: 首页 > 法人空间 > 我的首页". */
export interface RouteHandle {
  crumb: string;
  to?: string;
}

export function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null && typeof (value as RouteHandle).crumb === 'string';
}
