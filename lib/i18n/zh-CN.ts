import { shareZhCN } from './share.zh-CN';
import { commentsZhCN } from './comments.zh-CN';
import { editorZhCN } from './editor.zh-CN';
import { peopleZhCN } from './people.zh-CN';
import { controlZhCN } from './control.zh-CN';
import { trackZhCN } from './track.zh-CN';
import { notifyZhCN } from './notify.zh-CN';
import { opsZhCN } from './ops.zh-CN';

/** The zh-CN catalog: the default locale, worded as the template itself (跨部门沟通协调表). */
export const zhCN = {
  ...editorZhCN,
  ...commentsZhCN,
  ...controlZhCN,
  ...notifyZhCN,
  ...peopleZhCN,
  ...shareZhCN,
  ...trackZhCN,
  ...opsZhCN,
  'app.name': 'Concord',
  'app.tagline': '跨部门沟通协调表',

  'nav.sheets': '我的协调表',
  'nav.signOut': '退出登录',
  'nav.menu': '菜单',
  'nav.language': '语言',

  'setup.title': '创建第一位管理员',
  'setup.lead': 'Concord 尚无任何账号。请创建管理员账号，之后由管理员添加其他成员。',
  'setup.name': '姓名',
  'setup.email': '邮箱',
  'setup.department': '所属部门（可选）',
  'setup.password': '密码',
  'setup.passwordHint': '至少 {min} 个字符',
  'setup.submit': '创建并登录',
  'setup.failed': '无法创建管理员：{message}',

  'signin.title': '登录',
  'signin.lead': '使用邮箱和密码登录 Concord。',
  'signin.email': '邮箱',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.sso': '使用 {name} 登录',
  'signin.or': '或',
  'signin.error.credentials': '邮箱或密码不正确，请重新输入。',
  'signin.error.other': '登录失败，请稍后再试。',
  'signin.error.tooMany': '密码错误次数过多，为保护账号已暂停登录，请 {minutes} 分钟后再试。',

  'form.working': '处理中…',
  'form.networkError': '无法连接服务器，请检查网络后重试。',

  'sheets.title': '我的协调表',
  'sheets.empty': '你还没有参与任何协调事项。在右侧新建一张协调表。',
  'sheets.col.title': '协调事项名称',
  'sheets.col.stage': '阶段',
  'sheets.col.urgency': '紧急程度',
  'sheets.col.dueDate': '期望完成时间',
  'sheets.col.departments': '涉及部门',
  'sheets.col.updatedAt': '最近更新',
  'sheets.col.role': '我的角色',
  'sheets.create.title': '新建协调表',
  'sheets.create.submit': '创建',
  'sheets.create.failed': '创建失败：{message}',

  'field.title': '协调事项名称',
  'field.titlePlaceholder': '例如：产品上线前测试资源协调',
  'field.initiator': '发起部门/人',
  'field.urgency': '紧急程度',
  'field.dueDate': '期望完成时间',
  'field.confidentiality': '保密等级',
  'field.stage': '阶段',
  'field.record': '沟通记录',
  'field.recordHint': '各方诉求、争议点与解决方案',
  'date.choose': '选择日期',
  'field.none': '未填写',

  'stage.draft': '明确需求',
  'stage.initiated': '发起协调',
  'stage.discussion': '沟通协调',
  'stage.executing': '执行跟踪',
  'stage.archived': '归档',

  'urgency.urgent': '紧急',
  'urgency.normal': '一般',
  'urgency.low': '低优先级',

  'confidentiality.public': '公开',
  'confidentiality.internal': '内部',
  'confidentiality.secret': '秘密',
  'confidentiality.topsecret': '机密',

  'role.facilitator': '主持人',
  'role.editor': '编辑',
  'role.commenter': '评论者',
  'role.viewer': '查看者',

  'members.title': '参与人员',
  'members.add': '添加成员',
  'members.email': '成员邮箱',
  'members.role': '角色',
  'members.submit': '添加',
  'members.failed': '无法添加成员：{message}',

  'sync.connected': '已连接',
  'sync.connecting': '连接中…',
  'sync.offline': '离线，正在重连',
  'sync.inaccessible': '无法访问',
  'sync.signedOut': '登录已过期',
  'sync.halted': '已停止同步',

  'presence.label': '在线',
  'presence.you': '（你）',

  'record.readOnly.role': '你的角色为{role}，只能查看沟通记录。',
  'record.readOnly.locked': '沟通记录已由主持人锁定，暂不可编辑。',
  'record.readOnly.archived': '本协调表已归档，内容只读。',
  'record.loading': '正在同步最新内容…',
  'record.empty': '暂无沟通记录。',

  'refusal.title': '你最近的修改未被保存',
  'refusal.forbiddenSection': '你当前的角色无权修改这一部分。',
  'refusal.controlWrite': '阶段与锁定只能由主持人通过操作按钮更改。',
  'refusal.locked': '这一部分刚刚被主持人锁定，你的修改未被接受。',
  'refusal.archived': '本协调表已归档，不再接受修改。',
  'refusal.malformed': '服务器无法识别你的修改，页面已重新同步。',
  'refusal.tooLarge': '修改内容过大，未被接受。',
  'refusal.invalidValue': '内容或字段取值不合规（例如日期格式错误，或编辑器不支持的格式），修改未被接受。',
  'refusal.accessChanged': '你的访问权限已变更，正在重新连接。',
  'refusal.shuttingDown': '服务器正在重启，稍后将自动重新连接。',
  'refusal.invalidPresence': '在线状态信息不合规，连接已断开。',
  'refusal.tooFast': '发送过于频繁，正在重新连接，未保存的修改会随后补发。',
  'refusal.after': '页面已恢复为服务器上的最新内容。以下是未保存的文字（已留存在此浏览器中，直到你处理）：可复制，或作为评论提出，让大家在该部分看到：',
  'refusal.nothing': '没有需要找回的文字。',
  'refusal.halted': '服务器已连续 {count} 次拒绝同样的修改，页面已停止自动重连，以免反复刷新。请联系主持人或管理员（他们可修复协调表），或稍后重试。',
  'refusal.resume': '重新连接',
  'refusal.pending': '正在与服务器比对…',
  'refusal.copy': '复制文字',
  'refusal.copied': '已复制',
  'refusal.propose': '作为评论提出',
  'refusal.proposeOne': '在「{section}」提出：{start}…',
  'refusal.proposeFailed': '未能作为评论提出，请复制文字后另行处理。',
  'refusal.dismiss': '知道了',

  'access.lost': '你已无权访问这张协调表，或它已不存在。',
  'access.signedOut': '登录已过期，请重新登录。',
  'access.signInAgain': '重新登录',
  'access.back': '返回我的协调表',

  'notFound.title': '找不到这张协调表',
  'notFound.lead': '它可能已被删除，或你不是它的参与人员。',
} as const;

/** Every message key; the English catalog must define the same keys. */
export type MessageKey = keyof typeof zhCN;
