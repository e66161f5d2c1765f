/**
 * The mini-program code of a notice (getwxacodeunlimit) opens NOTICE_DETAIL_PAGE with a `scene`
 * of at most 32 characters from WeChat's allowed set: Sunboard writes `n=<notice id>`.
 *
 * WeChat hands the scene to the page URL-encoded: `onLoad(query)` / Taro's `useRouter().params`
 * see `{ scene: 'n%3D42' }` (a page opened normally sees `{ id: '42' }`). Read it with
 * `noticeIdFromScene(params.scene)`, which decodes it.
 */
export const NOTICE_DETAIL_PAGE = 'packages/notice/detail/index';

/** WeChat's limits on a scene: 1–32 characters of `[0-9A-Za-z!#$&'()*+,/:;=?@-._~]`. */
export const WXACODE_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function noticeScene(noticeId: number): string {
  if (!Number.isSafeInteger(noticeId) || noticeId < 1) throw new RangeError(`not a notice id: ${noticeId}`);
  return `n=${noticeId}`;
}

/**
 * The notice id in a scene as the page receives it (URL-encoded or not), or null when the scene is
 * missing or is not a notice's. Other `key=value` pairs joined with `&` are ignored, so the scene
 * can carry more later without breaking older app versions.
 */
export function noticeIdFromScene(scene: string | undefined | null): number | null {
  if (!scene) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    return null;
  }
  for (const pair of decoded.split('&')) {
    const m = /^n=(\d{1,10})$/.exec(pair);
    if (m) {
      const id = Number(m[1]);
      return id >= 1 && id <= 2147483647 ? id : null;
    }
  }
  return null;
}
