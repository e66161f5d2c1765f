import { NOTICE_DETAIL_PAGE } from '@sunboard/shared';

/** Where a shared notice opens: the mini-program path, and in h5 the page URL to copy. */
export function noticeSharePath(id: number): string {
  return `/${NOTICE_DETAIL_PAGE}?id=${id}`;
}

/** The h5 link of a notice (hash router): `https://host/#/packages/notice/detail/index?id=42`. */
export function noticeShareUrl(origin: string, id: number): string {
  return `${origin.replace(/\/+$/, '')}/#${noticeSharePath(id)}`;
}

/** The id of the notice a detail page shows: `?id=` or, from a scanned code, `?scene=n%3D42`. */
export function noticeIdFromParams(params: Record<string, string | undefined>, fromScene: (scene: string | undefined) => number | null): number | null {
  const direct = Number(params.id);
  if (Number.isSafeInteger(direct) && direct > 0) return direct;
  return fromScene(params.scene);
}
