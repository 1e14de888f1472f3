import {
  attendanceText,
  vietnameseDate,
  vietnameseDuration,
  vietnamesePercent,
  vietnameseTime,
  zonedDate,
} from '../../shared/domain/index.js';
import type { MinutesAgendaItem, MinutesApproval, MinutesContent, MinutesVote } from '../../shared/protocol/index.js';

/**
 * The body of the minutes (between the title and the signatures) as plain blocks, worded
 * once: the PDF and the .docx renderers each lay these out in their own terms, so the two
 * files always say the same thing.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

export type Align = 'left' | 'center' | 'right';

export type Block =
  /** "I. THỜI GIAN VÀ ĐỊA ĐIỂM" */
  | { kind: 'heading'; text: string }
  /** An agenda item's title. */
  | { kind: 'subheading'; text: string }
  /** "Ý kiến phát biểu:": bold, introducing what follows, kept on its page. */
  | { kind: 'label'; text: string }
  | { kind: 'paragraph'; runs: Run[] }
  /** A "- " line, indented. */
  | { kind: 'bullet'; runs: Run[] }
  | {
      kind: 'table';
      /** Relative widths of the columns. */
      widths: number[];
      align: Align[];
      header: string[];
      rows: string[][];
    };

const plain = (text: string): Run => ({ text });
const bold = (text: string): Run => ({ text, bold: true });
const italics = (text: string): Run => ({ text, italics: true });

/** Free text keeps the secretary's line breaks: one paragraph a line, blank lines dropped. */
function paragraphs(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ({ kind: 'paragraph', runs: [plain(l)] }));
}

export function minutesBody(content: MinutesContent): Block[] {
  const zone = content.header.timeZone;
  const blocks: Block[] = [
    { kind: 'heading', text: 'I. THỜI GIAN, ĐỊA ĐIỂM' },
    { kind: 'bullet', runs: [bold('Thời gian: '), plain(content.opening.time)] },
    { kind: 'bullet', runs: [bold('Địa điểm: '), plain(content.opening.place)] },
    { kind: 'bullet', runs: [bold('Chủ tọa: '), plain(content.opening.chair)] },
    { kind: 'bullet', runs: [bold('Thư ký: '), plain(content.opening.secretary)] },
    { kind: 'heading', text: 'II. THÀNH PHẦN THAM DỰ' },
    ...attendance(content),
    { kind: 'heading', text: 'III. NỘI DUNG' },
  ];
  for (const item of content.agenda) blocks.push(...agendaItem(item, zone));
  if (content.agenda.length === 0) blocks.push({ kind: 'paragraph', runs: [italics('(Không có nội dung.)')] });
  return blocks;
}

/**
 * The last section, which the renderers keep on one page with the signatures below it, so
 * that no page holds signatures alone (a page that could be swapped for another).
 */
export function minutesClosing(content: MinutesContent): Block[] {
  return [{ kind: 'heading', text: 'IV. KẾT THÚC' }, ...paragraphs(content.closing.text)];
}

function attendance(content: MinutesContent): Block[] {
  const rows = content.attendance;
  const countOf = (status: string) => rows.filter((r) => r.status === status).length;
  const summary =
    `Tổng số ${rows.length} người được triệu tập: có mặt ${countOf('present')}, ` +
    `đến muộn ${countOf('late')}, vắng mặt ${countOf('absent')}.`;
  return [
    { kind: 'paragraph', runs: [plain(summary)] },
    {
      kind: 'table',
      widths: [8, 36, 30, 36],
      align: ['center', 'left', 'left', 'left'],
      header: ['TT', 'Họ và tên', 'Chức vụ, vai trò', 'Tình hình tham dự'],
      rows: rows.map((r, i) => [String(i + 1), r.name, r.role, attendanceText(r, content.header.timeZone)]),
    },
  ];
}

function agendaItem(item: MinutesAgendaItem, zone: string): Block[] {
  const blocks: Block[] = [{ kind: 'subheading', text: `${item.number}. ${item.title}` }];
  if (item.presenter) blocks.push({ kind: 'paragraph', runs: [bold('Trình bày: '), plain(item.presenter)] });
  if (item.speakers.length > 0) {
    blocks.push({ kind: 'label', text: 'Ý kiến phát biểu:' });
    for (const s of item.speakers) {
      const runs = [plain(`${s.name}: ${vietnameseDuration(s.seconds)}`)];
      if (s.pointOfOrder) runs.push(italics(' (kiến nghị về thủ tục)'));
      blocks.push({ kind: 'bullet', runs });
    }
  }
  if (item.discussion) {
    blocks.push({ kind: 'label', text: 'Ý kiến thảo luận:' }, ...paragraphs(item.discussion));
  }
  for (const vote of item.votes) blocks.push(...voteBlocks(vote));
  if (item.approvals.length > 0) {
    blocks.push({ kind: 'label', text: 'Phê duyệt tài liệu:' });
    for (const a of item.approvals) blocks.push({ kind: 'bullet', runs: [plain(approvalText(a, zone))] });
  }
  if (item.decisions) blocks.push({ kind: 'label', text: 'Kết luận:' }, ...paragraphs(item.decisions));
  const tasks = item.tasks ?? [];
  if (tasks.length > 0) {
    blocks.push({ kind: 'label', text: 'Phân công thực hiện:' });
    for (const t of tasks) {
      const runs = t.who ? [bold(`${t.who}: `), plain(t.what)] : [plain(t.what)];
      // The deadline is said once: a task whose words already end with it needs no repeat.
      if (t.deadline && !t.what.includes(t.deadline)) runs.push(plain(` (thời hạn: ${t.deadline})`));
      blocks.push({ kind: 'bullet', runs: [...runs, plain('.')] });
    }
  }
  return blocks;
}

function voteBlocks(vote: MinutesVote): Block[] {
  const kind = vote.kind === 'named' ? 'biểu quyết công khai' : 'bỏ phiếu kín';
  const blocks: Block[] = [
    { kind: 'paragraph', runs: [bold('Biểu quyết: '), plain(`${vote.question} (${kind}).`)] },
    { kind: 'paragraph', runs: [italics(`Cách tính: ${vote.ruleText}.`)] },
    {
      kind: 'table',
      widths: [50, 20, 30],
      align: ['left', 'center', 'center'],
      header: ['Phương án', 'Số phiếu', `Tỷ lệ trên tổng số ${vote.members} thành viên`],
      rows: [
        ...vote.counts.map((c) => [c.label, String(c.count), vietnamesePercent(c.percentOfMembers)]),
        ['Không tham gia biểu quyết', String(vote.notVoted.count), vietnamesePercent(vote.notVoted.percentOfMembers)],
      ],
    },
    { kind: 'paragraph', runs: [bold('Kết quả: '), bold(vote.outcome)] },
  ];
  if (vote.kind === 'named' && vote.namedChoices.length > 0) {
    blocks.push(
      { kind: 'label', text: 'Danh sách biểu quyết:' },
      {
        kind: 'table',
        widths: [8, 50, 42],
        align: ['center', 'left', 'left'],
        header: ['TT', 'Họ và tên', 'Lựa chọn'],
        rows: vote.namedChoices.map((n, i) => [String(i + 1), n.name, n.choice]),
      },
    );
  }
  return blocks;
}

function approvalText(a: MinutesApproval, zone: string): string {
  const decision = a.decision === 'approve' ? 'phê duyệt' : 'không phê duyệt';
  const when = `${vietnameseTime(a.at, zone)}, ${vietnameseDate(zonedDate(a.at, zone))}`;
  return `${a.name} ${decision} “${a.document}” lúc ${when}.`;
}
