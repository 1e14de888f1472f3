/**
 * English questions over Vietnamese papers. The papers of a council or a board here are in
 * Vietnamese; a foreign adviser or an English-speaking board member asks in English. With no
 * translation model in the room (none may be downloaded, and none ships offline in npm), the
 * assistant carries a glossary of the words of public administration, budgets and meetings:
 * an English question is looked up as the Vietnamese words the glossary gives, plus its own
 * numbers and names. What it answers is still the papers' passages as written.
 *
 * Entries: English words (lower case, singular, base form; several words for a phrase) →
 * Vietnamese phrases, in the modern tone-mark style. Kept to what meetings of this kind speak
 * of; a word with no entry simply adds nothing.
 */
const GLOSSARY: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Bodies, people and roles
  ['council', ['hội đồng', 'HĐND']],
  ["people's council", ['Hội đồng nhân dân', 'HĐND']],
  ["people's committee", ['Ủy ban nhân dân', 'UBND']],
  ['committee', ['ủy ban', 'ban']],
  ['standing committee', ['Thường trực']],
  ['board', ['hội đồng', 'ban']],
  ['department', ['sở', 'phòng']],
  ['agency', ['cơ quan']],
  ['office', ['văn phòng']],
  ['ministry', ['bộ']],
  ['government', ['chính phủ']],
  ['city', ['thành phố']],
  ['province', ['tỉnh']],
  ['district', ['quận', 'huyện']],
  ['commune', ['xã', 'cấp xã']],
  ['ward', ['phường']],
  ['delegate', ['đại biểu']],
  ['member', ['thành viên', 'ủy viên', 'đại biểu']],
  ['chair', ['chủ tọa', 'chủ trì', 'chủ tịch']],
  ['chairman', ['chủ tịch', 'chủ tọa']],
  ['chairwoman', ['chủ tịch', 'chủ tọa']],
  ['president', ['chủ tịch']],
  ['vice', ['phó']],
  ['deputy', ['phó']],
  ['director', ['giám đốc']],
  ['secretary', ['thư ký']],
  ['secretariat', ['thư ký', 'văn phòng']],
  ['voter', ['cử tri']],
  ['citizen', ['công dân', 'người dân']],
  ['staff', ['cán bộ', 'công chức']],
  ['official', ['cán bộ', 'công chức']],
  ['inspector', ['thanh tra']],
  ['inspection', ['thanh tra', 'kiểm tra']],
  ['treasury', ['kho bạc']],
  ['police', ['công an']],
  ['enterprise', ['doanh nghiệp']],
  ['company', ['công ty', 'doanh nghiệp']],
  ['investor', ['chủ đầu tư', 'nhà đầu tư']],
  ['contractor', ['nhà thầu']],
  // Meetings
  ['meeting', ['cuộc họp', 'kỳ họp', 'phiên họp']],
  ['session', ['kỳ họp', 'phiên họp']],
  ['sitting', ['phiên họp']],
  ['plenary', ['phiên toàn thể', 'toàn thể']],
  ['agenda', ['chương trình', 'nội dung']],
  ['item', ['nội dung', 'mục']],
  ['opening', ['khai mạc']],
  ['open', ['khai mạc']],
  ['closing', ['bế mạc']],
  ['close', ['bế mạc']],
  ['minute', ['phút']],
  ['minutes', ['biên bản']],
  ['record', ['biên bản', 'ghi']],
  ['attend', ['dự', 'tham dự', 'có mặt']],
  ['attendance', ['tham dự', 'có mặt']],
  ['absent', ['vắng mặt', 'vắng']],
  ['present', ['có mặt', 'trình']],
  ['presentation', ['trình bày', 'tờ trình']],
  ['speech', ['phát biểu']],
  ['speak', ['phát biểu']],
  ['speaker', ['phát biểu']],
  ['question', ['chất vấn', 'câu hỏi']],
  ['questioning', ['chất vấn']],
  ['interpellation', ['chất vấn']],
  ['answer', ['trả lời']],
  ['discuss', ['thảo luận']],
  ['discussion', ['thảo luận']],
  ['debate', ['thảo luận', 'tranh luận']],
  ['group', ['tổ', 'nhóm']],
  ['hall', ['hội trường']],
  ['room', ['phòng họp', 'phòng']],
  ['tablet', ['máy tính bảng']],
  ['computer', ['máy tính']],
  ['account', ['tài khoản']],
  ['password', ['mật khẩu']],
  ['document', ['tài liệu', 'văn bản', 'hồ sơ']],
  ['paper', ['tài liệu']],
  ['register', ['đăng ký']],
  ['registration', ['đăng ký']],
  ['invitation', ['giấy mời']],
  ['invite', ['mời']],
  ['livestream', ['truyền hình trực tiếp']],
  ['broadcast', ['truyền hình', 'phát thanh']],
  ['press', ['báo chí']],
  ['time', ['thời gian', 'giờ']],
  ['hour', ['giờ']],
  ['day', ['ngày']],
  ['date', ['ngày']],
  ['week', ['tuần']],
  ['month', ['tháng']],
  ['quarter', ['quý']],
  ['year', ['năm']],
  ['annual', ['hằng năm', 'năm']],
  ['deadline', ['thời hạn', 'trước ngày', 'chậm nhất']],
  ['before', ['trước']],
  ['after', ['sau']],
  ['by when', ['trước ngày', 'thời hạn', 'chậm nhất']],
  ['no later than', ['chậm nhất']],
  // Votes and decisions
  ['vote', ['biểu quyết', 'bỏ phiếu']],
  ['ballot', ['phiếu', 'bỏ phiếu kín']],
  ['secret ballot', ['bỏ phiếu kín']],
  ['approve', ['thông qua', 'phê duyệt', 'tán thành']],
  ['approval', ['thông qua', 'phê duyệt']],
  ['adopt', ['thông qua']],
  ['pass', ['thông qua']],
  ['reject', ['không thông qua', 'không tán thành']],
  ['agree', ['tán thành', 'đồng ý']],
  ['quorum', ['quá nửa', 'tổng số đại biểu']],
  ['majority', ['quá nửa', 'đa số']],
  ['resolution', ['nghị quyết']],
  ['decision', ['quyết định']],
  ['decree', ['nghị định']],
  ['law', ['luật']],
  ['regulation', ['quy định', 'quy chế']],
  ['rule', ['quy định', 'quy chế']],
  ['draft', ['dự thảo']],
  ['proposal', ['tờ trình', 'đề xuất', 'đề nghị']],
  ['propose', ['đề xuất', 'đề nghị']],
  ['submission', ['tờ trình']],
  ['report', ['báo cáo']],
  ['plan', ['kế hoạch']],
  ['program', ['chương trình']],
  ['programme', ['chương trình']],
  ['project', ['dự án', 'công trình']],
  ['task', ['nhiệm vụ']],
  ['goal', ['mục tiêu']],
  ['target', ['mục tiêu', 'chỉ tiêu']],
  ['objective', ['mục tiêu']],
  ['indicator', ['chỉ tiêu']],
  ['solution', ['giải pháp']],
  ['measure', ['giải pháp', 'biện pháp']],
  ['result', ['kết quả']],
  ['implement', ['thực hiện', 'triển khai', 'tổ chức thực hiện']],
  ['implementation', ['thực hiện', 'triển khai']],
  ['responsible', ['chịu trách nhiệm', 'chủ trì']],
  ['responsibility', ['trách nhiệm']],
  ['lead', ['chủ trì']],
  ['coordinate', ['phối hợp']],
  ['assign', ['giao']],
  ['complete', ['hoàn thành']],
  ['completion', ['hoàn thành']],
  ['finish', ['hoàn thành']],
  ['receive', ['nhận', 'được cấp', 'tiếp nhận']],
  ['provide', ['cấp', 'cung cấp', 'bố trí']],
  ['issue', ['cấp', 'ban hành']],
  ['send', ['gửi']],
  ['submit', ['trình', 'gửi']],
  ['publish', ['công bố', 'công khai']],
  ['supervise', ['giám sát']],
  ['supervision', ['giám sát']],
  ['monitor', ['giám sát', 'theo dõi']],
  ['review', ['thẩm tra', 'xem xét']],
  ['verification', ['thẩm tra']],
  ['evaluate', ['đánh giá']],
  ['assessment', ['đánh giá']],
  // Budgets and money
  ['budget', ['ngân sách']],
  ['state budget', ['ngân sách nhà nước']],
  ['local budget', ['ngân sách địa phương']],
  ['revenue', ['thu', 'thu ngân sách']],
  ['income', ['thu', 'thu nhập']],
  ['expenditure', ['chi', 'chi ngân sách']],
  ['spending', ['chi']],
  ['spend', ['chi']],
  ['cost', ['chi phí', 'kinh phí']],
  ['funding', ['kinh phí', 'vốn']],
  ['fund', ['quỹ', 'vốn', 'kinh phí']],
  ['capital', ['vốn']],
  ['investment', ['đầu tư']],
  ['invest', ['đầu tư']],
  ['public investment', ['đầu tư công']],
  ['medium term', ['trung hạn']],
  ['estimate', ['dự toán', 'ước']],
  ['forecast', ['dự báo', 'ước']],
  ['allocation', ['phân bổ', 'bố trí']],
  ['allocate', ['phân bổ', 'bố trí']],
  ['reserve', ['dự phòng', 'dự trữ']],
  ['contingency', ['dự phòng']],
  ['recurrent', ['thường xuyên']],
  ['regular', ['thường xuyên']],
  ['development', ['phát triển', 'đầu tư phát triển']],
  ['tax', ['thuế']],
  ['fee', ['phí', 'lệ phí']],
  ['debt', ['nợ']],
  ['arrears', ['nợ đọng', 'nợ']],
  ['loan', ['vay', 'khoản vay']],
  ['borrow', ['vay']],
  ['deficit', ['bội chi']],
  ['surplus', ['kết dư', 'tăng thu']],
  ['transfer', ['chuyển nguồn', 'bổ sung']],
  ['supplement', ['bổ sung']],
  ['additional', ['bổ sung']],
  ['balance', ['cân đối']],
  ['salary', ['tiền lương', 'lương']],
  ['wage', ['tiền lương', 'lương']],
  ['land', ['đất']],
  ['land use', ['sử dụng đất', 'tiền sử dụng đất']],
  ['export', ['xuất khẩu']],
  ['import', ['nhập khẩu']],
  ['billion', ['tỷ', 'tỷ đồng']],
  ['million', ['triệu', 'triệu đồng']],
  ['dong', ['đồng']],
  ['vnd', ['đồng']],
  ['percent', ['%', 'phần trăm']],
  ['percentage', ['%', 'tỷ lệ']],
  ['rate', ['tỷ lệ', 'tốc độ']],
  ['increase', ['tăng']],
  ['decrease', ['giảm']],
  ['exceed', ['vượt']],
  ['total', ['tổng', 'tổng số']],
  ['amount', ['số', 'mức']],
  ['level', ['cấp', 'mức']],
  ['growth', ['tăng trưởng']],
  ['economy', ['kinh tế']],
  ['economic', ['kinh tế']],
  ['social', ['xã hội']],
  ['society', ['xã hội']],
  // Works and sectors
  ['bridge', ['cầu']],
  ['road', ['đường']],
  ['street', ['phố', 'đường']],
  ['ring road', ['đường vành đai', 'vành đai']],
  ['metro', ['đường sắt đô thị']],
  ['railway', ['đường sắt']],
  ['traffic', ['giao thông']],
  ['transport', ['giao thông', 'vận tải']],
  ['school', ['trường', 'trường học']],
  ['education', ['giáo dục']],
  ['hospital', ['bệnh viện']],
  ['health', ['y tế']],
  ['housing', ['nhà ở']],
  ['house', ['nhà']],
  ['water', ['nước']],
  ['environment', ['môi trường']],
  ['waste', ['rác', 'chất thải']],
  ['flood', ['ngập', 'lũ']],
  ['drainage', ['thoát nước']],
  ['culture', ['văn hóa']],
  ['science', ['khoa học']],
  ['technology', ['công nghệ']],
  ['digital', ['số', 'chuyển đổi số']],
  ['transformation', ['chuyển đổi']],
  ['security', ['an ninh']],
  ['defence', ['quốc phòng']],
  ['defense', ['quốc phòng']],
  ['construction', ['xây dựng']],
  ['build', ['xây dựng']],
  ['start', ['khởi công', 'bắt đầu']],
  ['groundbreaking', ['khởi công']],
  ['disbursement', ['giải ngân']],
  ['disburse', ['giải ngân']],
  ['clearance', ['giải phóng mặt bằng']],
  ['compensation', ['bồi thường']],
  ['resettlement', ['tái định cư']],
  ['population', ['dân số']],
  ['poverty', ['nghèo']],
  ['poor', ['nghèo']],
];

/** English words that carry no meaning of their own in a question. */
const ENGLISH_STOP = new Set(
  'a an the of and or to in on for is are was were be been being by with at from as that this these those it its what which who whom whose when where how why do does did done not no must should shall will would can could may might have has had their there they them our we you your i he she his her than then so such any all each every about into over under up down out per much many'.split(
    ' ',
  ),
);

const ENTRIES: ReadonlyMap<string, readonly string[]> = new Map(GLOSSARY);
const LONGEST_PHRASE = Math.max(...GLOSSARY.map(([en]) => en.split(' ').length));

/** The base forms a simple English inflection may stand for ("chairs" → "chair", "delegates", "allocated"). */
function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies') && word.length > 4) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es') && word.length > 3) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) forms.push(word.slice(0, -1));
  if (word.endsWith('ed') && word.length > 4) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing') && word.length > 5) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return forms;
}

/**
 * What a Vietnamese syllable typed without marks can look like: an onset, one to three
 * vowels, a final consonant. "dong", "hoi", "the", "to" can; "chair", "budget", "who" cannot.
 */
const UNMARKED_SYLLABLE =
  /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

function entryOf(phrase: string): readonly string[] | undefined {
  for (const form of baseForms(phrase)) {
    const found = ENTRIES.get(form);
    if (found) return found;
  }
  return undefined;
}

export interface EnglishQuery {
  /** The Vietnamese phrases the glossary gives for the question's words. */
  vietnamese: string[];
  /** Its words the glossary does not know and that are no English stop word (names, acronyms). */
  unknown: string[];
}

/**
 * The Vietnamese words an English question stands for, or null when the question is not
 * English. Only letters a–z count as English, and the question must be mostly words of
 * English (its stop words or the glossary's), at least one from the glossary and one that no
 * Vietnamese syllable could be: Vietnamese typed without marks ("du toan chi thuong xuyen",
 * "hoi dong") is ASCII too, and is left alone.
 */
export function englishQuery(question: string): EnglishQuery | null {
  if (/[^\p{ASCII}]/u.test(question)) return null;
  const words = (question.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []).filter((w) => w.length > 1);
  if (words.length === 0) return null;
  const phrases: string[] = [];
  const unknown: string[] = [];
  let english = 0;
  // Set once a word of the question can be English only.
  let surelyEnglish = false;
  for (let i = 0; i < words.length;) {
    let taken = 0;
    for (let n = Math.min(LONGEST_PHRASE, words.length - i); n >= 1 && taken === 0; n--) {
      const found = entryOf(words.slice(i, i + n).join(' '));
      if (found) {
        phrases.push(...found);
        taken = n;
      }
    }
    if (taken > 0) {
      english += taken;
      surelyEnglish ||= words.slice(i, i + taken).some((w) => !UNMARKED_SYLLABLE.test(w));
      i += taken;
    } else {
      const word = words[i] ?? '';
      if (ENGLISH_STOP.has(word)) {
        english += 1;
        surelyEnglish ||= !UNMARKED_SYLLABLE.test(word);
      } else unknown.push(word);
      i += 1;
    }
  }
  if (phrases.length === 0 || !surelyEnglish || english * 2 <= words.length) return null;
  return { vietnamese: [...new Set(phrases)], unknown };
}
