// The one catalogue of error codes. The API answers {code, message} with the HTTP status
// given here; the message is what a user reads, in Simplified Chinese. Codes are stable:
// scripts and the web app key on them, so rename none, only add.

export interface ErrorSpec {
  status: number;
  message: string;
}

export const errorCatalogue = {
  // generic request problems
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  VALIDATION_FAILED: { status: 400, message: '填写的内容不符合要求' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '内容超过了允许的大小' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  NOT_FOUND: { status: 404, message: '找不到要访问的内容' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该操作' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后重试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  UNAVAILABLE: { status: 503, message: '该功能暂不可用' },

  // sessions and login
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  CSRF_FAILED: { status: 403, message: '页面已过期，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '没有权限进行该操作' },
  CHALLENGE_INVALID: { status: 400, message: '登录请求无效或已过期，请重新点击 CA 锁登录' },
  CHALLENGE_REPLAYED: { status: 400, message: '该登录请求已使用过，请重新点击 CA 锁登录' },
  SIGNATURE_INVALID: { status: 401, message: 'CA 锁签名验证失败' },
  CERT_UNTRUSTED: { status: 401, message: '证书不是由受信任的 CA 机构签发' },
  CERT_EXPIRED: { status: 401, message: '证书已过期，请联系 CA 机构更新证书' },
  CERT_NOT_YET_VALID: { status: 401, message: '证书尚未生效' },
  CERT_REVOKED: { status: 401, message: '证书已被吊销，请联系 CA 机构' },
  CERT_STATUS_UNKNOWN: { status: 401, message: '暂时无法向 CA 机构确认证书是否有效（证书状态查询服务无应答或不认识该证书），请稍后再试或联系 CA 机构' },
  CERT_NO_ENTERPRISE: { status: 401, message: '证书中没有单位名称或统一社会信用代码，不能用于企业登录' },
  CREDIT_CODE_MISMATCH: { status: 400, message: '统一社会信用代码与 CA 证书中的不一致，请核对' },

  // key agent (as the page reports them)
  PIN_INCORRECT: { status: 401, message: 'PIN 码错误' },
  PIN_LOCKED: { status: 423, message: 'CA 锁已锁定，请联系 CA 机构解锁' },
  TOKEN_ABSENT: { status: 404, message: '未检测到 CA 锁，请插入 CA 锁' },
  ORIGIN_FORBIDDEN: { status: 403, message: '该网页无权访问 CA 锁' },

  // files
  FILE_TOO_LARGE: { status: 413, message: '文件超过了允许的大小' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '不支持该文件类型，请上传 pdf、doc、docx、wps、xls、xlsx、ofd、jpg、png 文件' },
  FOLDER_CODE_TAKEN: { status: 409, message: '同一目录下已有相同编码的文件夹' },
  CONVERSION_FAILED: { status: 422, message: '文件转换失败，文件可能已损坏或设置了密码' },
  CONVERTER_UNAVAILABLE: { status: 503, message: '文件转换服务暂不可用' },
  FOLDER_NOT_EMPTY: { status: 409, message: '文件夹不为空，请先删除其中的文件和子文件夹' },
  FOLDER_MOVE_INVALID: { status: 400, message: '不能把文件夹移动到它自己或它的子文件夹下' },
  CONVERSION_NOT_SUPPORTED: { status: 422, message: '只有 Word 文件可以转换为 PDF' },

  // PDFs and sealing
  PDF_UNREADABLE: { status: 422, message: '文件不是有效的 PDF，无法盖章' },
  PDF_ENCRYPTED: { status: 422, message: 'PDF 文件已加密，无法盖章，请上传未加密的文件' },
  PDF_CHANGED: { status: 409, message: '文件已被他人修改（例如已盖章），请重新打开后再盖章' },
  SEAL_NOT_ALLOWED: { status: 422, message: '文件的认证签章不允许再添加签章' },
  SIGNING_FAILED: { status: 422, message: '签章失败' },
  SEAL_CERT_REJECTED: { status: 403, message: '该证书不能用于盖章' },
  SEALING_EXPIRED: { status: 409, message: '盖章操作已过期或已完成，请重新点击电子签章' },
  SEAL_IMAGE_INVALID: { status: 422, message: '印章图片不是有效的 PNG 或 JPG 图片' },
  // requests to others (发起盖章、签名), SMS and personal signatures
  LINK_INVALID: { status: 404, message: '链接无效或已失效' },
  INVITATION_EXPIRED: { status: 410, message: '链接已过期，请联系发起单位重新发送' },
  INVITATION_REVOKED: { status: 410, message: '发起单位已撤销该盖章、签名请求' },
  INVITATION_DONE: { status: 409, message: '已完成盖章或签名，无需重复操作' },
  INVITATION_WRONG_UNIT: { status: 403, message: '当前登录的 CA 证书所属单位与被邀请单位不一致（统一社会信用代码不符），不能盖章' },
  IDENTITY_MISMATCH: { status: 400, message: '姓名、身份证号或手机号码与邀请信息不一致' },
  IDENTITY_NOT_VERIFIED: { status: 403, message: '请先完成身份验证' },
  SMS_CODE_INVALID: { status: 400, message: '短信验证码错误' },
  SMS_CODE_EXPIRED: { status: 400, message: '短信验证码已失效，请重新获取' },
  SMS_RATE_LIMITED: { status: 429, message: '短信发送过于频繁，请稍后再试' },
  SMS_SEND_FAILED: { status: 502, message: '短信发送失败，请稍后重试' },
  PERSON_SIGNING_UNAVAILABLE: { status: 503, message: '个人签名服务未配置（缺少签发 CA 或主密钥）' },
  // projects and applications (项目申报), 第三方材料上传, window staff
  PROJECT_CODE_INVALID: { status: 400, message: '投资项目代码格式不正确（应为 年份-行政区划代码-行业代码-类别-流水号，如 2022-360203-47-01-012345）' },
  PROJECT_CODE_TAKEN: { status: 409, message: '该项目代码已登记' },
  MATERIALS_MISSING: { status: 422, message: '还有必须提交的材料未上传' },
  STATE_TRANSITION_INVALID: { status: 409, message: '申报当前的状态不允许该操作' },
  APPLICATION_LOCKED: { status: 409, message: '当前状态下不能修改该材料' },
  THIRD_PARTY_LINK_EXPIRED: { status: 410, message: '第三方材料上传链接已过期，请联系建设单位重新发起' },
  ACCESS_CODE_INVALID: { status: 403, message: '访问码错误' },
  STAFF_LOGIN_FAILED: { status: 401, message: '用户名、密码或动态口令错误' },
  // 问题反馈
  FEEDBACK_ALREADY_ANSWERED: { status: 409, message: '该问题已答复' },
  // 第三方材料上传链接, viewed again by the unit that made it
  THIRD_PARTY_LINK_REVOKED: { status: 410, message: '该链接已撤销，不能再上传；如需继续，请重新发起' },
  THIRD_PARTY_LINK_NOT_STORED: { status: 410, message: '该链接创建于旧版本，无法再次查看，请撤销后重新发起' },
  THIRD_PARTY_LINK_UNAVAILABLE: { status: 503, message: '服务器未配置主密钥（HALL_MASTER_KEY），链接只在发起时显示一次，无法再次查看' },
  // 容缺补齐: the owed materials of a 容缺通过 application arriving after 办结
  DEFERRAL_NOT_OWED: { status: 409, message: '该申报没有待补齐的容缺材料' },
  DEFERRAL_NOT_SUBMITTED: { status: 409, message: '企业尚未提交补齐材料，不能确认或退回' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The error every layer throws; the HTTP edge turns it into {code, message} and a status. */
export class HallError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    const spec: ErrorSpec = errorCatalogue[code];
    super(message ?? spec.message);
    this.name = 'HallError';
    this.code = code;
    this.status = spec.status;
    this.details = details;
  }
}

/** Named factory: `fail('NOT_FOUND')` reads better at the throw site than `new HallError(...)`. */
export function fail(code: ErrorCode, message?: string, details?: Record<string, unknown>): never {
  throw new HallError(code, message, details);
}
