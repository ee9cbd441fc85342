"""The Vietnamese form of every message: English template → Vietnamese template.

Kept in step with the code by ``tests/test_i18n.py``. Keys, option names, field names
of the files (``percent``, ``done``, ``na``…) and command names stay as they are written
in the files; the words around them are Vietnamese. Glossary: lĩnh vực = field,
tiêu chí = criterion, tiêu chí thành phần = sub-criterion, điểm tối đa = max,
bộ tiêu chí = framework, hồ sơ đơn vị = unit file, số liệu = evidence.
"""

VI: dict[str, str] = {
    # --- node levels, measures, statuses (passed to tr() through a variable) ---
    "field": "lĩnh vực",
    "criterion": "tiêu chí",
    "subcriterion": "tiêu chí thành phần",
    "a rate": "một tỷ lệ",
    "a count": "một số lượng",
    "a value": "một giá trị",
    "official": "chính thức",
    "reconstructed": "tái dựng",
    "custom": "tự xây dựng",
    " or ": " hoặc ",
    "true or false": "true (có) hoặc false (không)",
    "{{points: }} to override": "{{points: }} để ghi đè",
    # --- reading files ---
    "no such file; check the path": "không có tệp này; kiểm tra lại đường dẫn",
    "not a regular file (a device, pipe or socket); give the path of a file":
        "không phải tệp thông thường (thiết bị, ống dẫn hay socket); hãy chỉ đường dẫn tới một tệp",
    "the path holds a NUL character; check the path": "đường dẫn có ký tự NUL; kiểm tra lại đường dẫn",
    "is a directory, not a file; give the path of a .yaml file": "là thư mục, không phải tệp; hãy chỉ đường dẫn tới một tệp .yaml",
    "cannot read the file: permission denied": "không đọc được tệp: không có quyền đọc",
    "cannot read the file: {why}": "không đọc được tệp: {why}",
    "the file is {size:,} bytes, above the limit of {limit:,}; split it, or raise the limit with PARCLI_MAX_BYTES":
        "tệp có {size:,} byte, vượt giới hạn {limit:,}; hãy tách tệp, hoặc nâng giới hạn bằng PARCLI_MAX_BYTES",
    "the file is above the limit of {limit:,} bytes": "tệp vượt giới hạn {limit:,} byte",
    "the file is UTF-16; save it as UTF-8": "tệp được lưu bằng UTF-16; hãy lưu lại bằng UTF-8",
    "the file holds binary data (a NUL byte), not YAML text": "tệp chứa dữ liệu nhị phân (byte NUL), không phải văn bản YAML",
    "byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8": "byte 0x{byte:02x} không phải UTF-8 hợp lệ; hãy lưu tệp bằng UTF-8",
    "the file is empty": "tệp rỗng",
    "the file has no content (only comments or blank lines)": "tệp không có nội dung (chỉ có chú thích hoặc dòng trống)",
    "not valid YAML: {detail}": "YAML không hợp lệ: {detail}",
    "the number {value} is too large (the limit is 10^12 in magnitude)": "số {value} quá lớn (giới hạn là 10^12 về độ lớn)",
    "a control character ({char}) in text; remove it (only tab and line breaks are allowed)":
        "văn bản có ký tự điều khiển ({char}); hãy xóa đi (chỉ được dùng tab và xuống dòng)",
    "the number {value} has more than {places} decimal places": "số {value} có quá {places} chữ số thập phân",
    "the number {value} is too long": "số {value} quá dài",
    "nesting deeper than {depth} levels": "lồng nhau sâu quá {depth} cấp",
    "anchors and aliases (&name / *name) are not supported; write the value out":
        "không hỗ trợ neo và bí danh (&ten / *ten); hãy viết đầy đủ giá trị",
    "tags such as {tag!r} are not allowed; remove the tag": "không được dùng thẻ như {tag!r}; hãy bỏ thẻ",
    "a mapping key must be plain text, not a list or mapping": "khóa phải là văn bản thường, không phải danh sách hay ánh xạ",
    "merge keys (<<) are not supported; write the values out": "không hỗ trợ khóa gộp (<<); hãy viết đầy đủ các giá trị",
    "duplicate key {key!r}; each key may appear once": "khóa {key!r} bị lặp; mỗi khóa chỉ được xuất hiện một lần",
    # --- hints for hand-typed YAML ---
    "a tab character: YAML indents with spaces only; replace the tab with spaces":
        "có ký tự tab: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách",
    "curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '":
        "dấu nháy cong (“ ” ‘ ’) không phải dấu nháy của YAML: hãy gõ dấu nháy thẳng \" hoặc '",
    "; curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '":
        "; dấu nháy cong (“ ” ‘ ’) không phải dấu nháy của YAML: hãy gõ dấu nháy thẳng \" hoặc '",
    "the indentation does not line up: keys of one mapping start in the same column, indented with spaces; "
    "check this line and the one above ({detail})":
        "thụt lề không thẳng hàng: các khóa cùng cấp phải bắt đầu ở cùng một cột, thụt bằng dấu cách; "
        "kiểm tra dòng này và dòng trên ({detail})",
    "line {line} starts at column {this}, but the key above it starts at column {above}: keys of one mapping start "
    "in the same column; indent with spaces to line them up":
        "dòng {line} bắt đầu ở cột {this}, nhưng khóa ở dòng trên bắt đầu ở cột {above}: các khóa cùng cấp phải bắt "
        "đầu ở cùng một cột; hãy thụt lề bằng dấu cách cho thẳng hàng",
    "{value!r} has a decimal comma; write {number} (numbers take a decimal point)":
        "{value!r} dùng dấu phẩy thập phân; hãy viết {number} (số dùng dấu chấm thập phân)",
    "{value!r} is text because of the %; write the number alone: {number}":
        "{value!r} là văn bản vì có dấu %; hãy chỉ viết số: {number}",
    "unknown key {key!r}; did you mean {near!r}?": "khóa {key!r} không hợp lệ; có phải ý bạn là {near!r}?",
    # --- file shape ---
    "a {kind} file is a mapping of keys ({keys}), not a list": "tệp {kind} là một ánh xạ các khóa ({keys}), không phải danh sách",
    "a {kind} file is a mapping of keys ({keys}), not a single value":
        "tệp {kind} là một ánh xạ các khóa ({keys}), không phải một giá trị đơn",
    "missing 'schema: {schema}' at the top of the file": "thiếu 'schema: {schema}' ở đầu tệp",
    "schema {schema!r} is not supported; this parcli reads {wanted}": "không hỗ trợ schema {schema!r}; phiên bản parcli này đọc {wanted}",
    "schema {schema!r} is not a {kind} file; expected {wanted}": "schema {schema!r} không phải tệp {kind}; cần {wanted}",
    "cannot tell the kind of file: 'schema:' must be parcli/framework/v1 or parcli/unit/v1":
        "không xác định được loại tệp: 'schema:' phải là parcli/framework/v1 hoặc parcli/unit/v1",
    "{what} is not a value this key takes; parcli schema shows what it takes":
        "{what} không phải giá trị mà khóa này nhận; lệnh parcli schema cho biết khóa nhận gì",
    "expected a whole number, got {what}": "cần một số nguyên, nhưng nhận được {what}",
    "expected one of {expected}, got {what}": "cần một trong {expected}, nhưng nhận được {what}",
    "expected a mapping (key: value lines), got {what}": "cần một ánh xạ (các dòng khóa: giá trị), nhưng nhận được {what}",
    "expected a list (lines starting with -), got {what}": "cần một danh sách (các dòng bắt đầu bằng -), nhưng nhận được {what}",
    "must not be empty": "không được để trống",
    "missing required key {key!r}": "thiếu khóa bắt buộc {key!r}",
    "unknown key {key!r}; remove it or check its spelling": "khóa {key!r} không hợp lệ; hãy bỏ đi hoặc kiểm tra chính tả",
    "year {year} is outside 1990–2100": "năm {year} nằm ngoài khoảng 1990–2100",
    # --- values ---
    "nothing (an empty value)": "không có gì (giá trị trống)",
    "the boolean {value}": "giá trị đúng/sai {value}",
    "the number {value}": "số {value}",
    "the text {value!r}": "văn bản {value!r}",
    "a mapping": "một ánh xạ",
    "a list": "một danh sách",
    "expected a number, got {what}": "cần một số, nhưng nhận được {what}",
    "expected a number, got the text {value!r}; write it without quotes":
        "cần một số, nhưng nhận được văn bản {value!r}; hãy viết không có dấu nháy",
    "expected text, got {what}; put it in quotes": "cần văn bản, nhưng nhận được {what}; hãy đặt trong dấu nháy",
    "an id is text; write it in quotes, e.g. id: \"{value}\"": "mã là văn bản; hãy đặt trong dấu nháy, ví dụ id: \"{value}\"",
    "an id cannot be empty": "mã không được để trống",
    "expected a whole number such as 2021, got {what}": "cần một số nguyên như 2021, nhưng nhận được {what}",
    "expected a whole number, got {value}": "cần một số nguyên, nhưng nhận được {value}",
    "places is 2 or 3 (decimals shown for every index), got {value}":
        "places là 2 hoặc 3 (số chữ số thập phân của chỉ số), nhưng nhận được {value}",
    # --- framework checks ---
    "no rule; give it one, e.g. rule: {{kind: yes_no}}": "chưa có quy tắc chấm; hãy thêm, ví dụ rule: {{kind: yes_no}}",
    "a bands rule names its measure: add measure: percent, count or value":
        "quy tắc bands phải nêu loại số đo: thêm measure: percent, count hoặc value",
    "unknown rule kind; use one of {kinds}": "loại quy tắc không hợp lệ; dùng một trong {kinds}",
    "a rule needs a kind": "quy tắc cần có kind",
    "duplicate id; ids must be unique": "mã bị lặp; các mã phải khác nhau",
    "max must be above 0, got {max}": "điểm tối đa phải lớn hơn 0, nhưng là {max}",
    "id must extend its parent's id {parent!r} (e.g. {parent}.1)": "mã phải bắt đầu bằng mã cấp trên {parent!r} (ví dụ {parent}.1)",
    "max is {max} but its children sum to {total}": "điểm tối đa là {max} nhưng tổng các mục con là {total}",
    "a field id has no dot": "mã lĩnh vực không có dấu chấm",
    "a criterion with sub-criteria takes no rule; put rules on its sub-criteria":
        "tiêu chí có tiêu chí thành phần thì không có quy tắc chấm; hãy đặt quy tắc ở các tiêu chí thành phần",
    "a criterion with sub-criteria takes no source; put source on each sub-criterion":
        "tiêu chí có tiêu chí thành phần thì không có source; hãy đặt source ở từng tiêu chí thành phần",
    "subcriteria is empty": "danh sách tiêu chí thành phần trống",
    "no rule; a criterion needs either sub-criteria or a rule": "chưa có quy tắc chấm; tiêu chí cần có tiêu chí thành phần hoặc quy tắc chấm",
    "total is {total} but the fields sum to {sum}": "tổng điểm là {total} nhưng các lĩnh vực cộng lại được {sum}",
    "classes go from the highest min to the lowest": "các mức xếp loại phải đi từ mức tối thiểu cao nhất xuống thấp nhất",
    "duplicate class label {label!r}": "nhãn xếp loại {label!r} bị lặp",
    "a class min is an index in [0, 100], got {min}": "mức tối thiểu của xếp loại là chỉ số trong [0, 100], nhưng là {min}",
    "band points {points} are above the leaf's max {max}": "điểm của mức là {points}, vượt điểm tối đa {max} của tiêu chí",
    "band points {points} are below 0": "điểm của mức là {points}, nhỏ hơn 0",
    "a band takes gt or gte, not both": "mỗi mức dùng gt hoặc gte, không dùng cả hai",
    "a band without gt/gte catches the rest, so it must be the last": "mức không có gt/gte nhận mọi giá trị còn lại nên phải đứng cuối",
    "bands go from the highest threshold to the lowest": "các mức phải đi từ ngưỡng cao nhất xuống thấp nhất",
    "option {key!r} gives {points} points, outside [0, {max}] (the leaf's max)":
        "phương án {key!r} cho {points} điểm, nằm ngoài [0, {max}] (điểm tối đa của tiêu chí)",
    "option {key!r} has the same key or title as option {other!r} ({text!r}); every option needs its own words":
        "phương án {key!r} trùng mã hoặc tên với phương án {other!r} ({text!r}); mỗi phương án cần tên riêng",
    "full_at is a percent in (0, 100], got {value}": "full_at là tỷ lệ phần trăm trong (0, 100], nhưng là {value}",
    "of must be above 0, got {value}": "of phải lớn hơn 0, nhưng là {value}",
    "each must be above 0, got {value}": "each phải lớn hơn 0, nhưng là {value}",
    # --- unit checks ---
    "unknown id {id!r}: framework {framework} has no such node": "mã {id!r} không có trong bộ tiêu chí {framework}",
    "unknown id {id!r}: framework {framework} has no such node; did you mean {near}?":
        "mã {id!r} không có trong bộ tiêu chí {framework}; có phải ý bạn là {near}?",
    "{id} is a {level}; it takes only {{na: true}} (not applicable); evidence goes on its leaves {leaves}":
        "{id} là {level}; chỉ nhận {{na: true}} (không áp dụng); số liệu ghi ở các tiêu chí thành phần {leaves}",
    "{id} is under {parent}, which is not applicable (na); remove one of the two":
        "{id} nằm trong {parent}, mục đã được đánh dấu không áp dụng (na); hãy bỏ một trong hai",
    "leaf {id} has no evidence (every leaf needs evidence in strict mode)":
        "tiêu chí {id} chưa có số liệu (chế độ --strict yêu cầu mọi tiêu chí đều có số liệu)",
    "unknown key {key!r}; an evidence value takes {keys}": "khóa {key!r} không hợp lệ; số liệu chỉ nhận các khóa {keys}",
    "unknown key {key!r}; did you mean {near!r}? An evidence value takes {keys}":
        "khóa {key!r} không hợp lệ; có phải ý bạn là {near!r}? Số liệu chỉ nhận các khóa {keys}",
    "this leaf is {measure}: give {wanted}, not {given}": "tiêu chí này đo bằng {measure}: hãy ghi {wanted}, không phải {given}",
    "a {kind} rule does not take {given}; give {expected}": "quy tắc {kind} không nhận {given}; hãy ghi {expected}",
    "expected {expected}, got {what}": "cần {expected}, nhưng nhận được {what}",
    "{what} does not fit a {kind} rule; give {expected}": "{what} không hợp với quy tắc {kind}; hãy ghi {expected}",
    "a bare number does not say what it counts; give {expected}": "một con số đứng riêng không nói rõ nó đo gì; hãy ghi {expected}",
    "give one measure, not both {one!r} and {other!r}": "chỉ ghi một loại số đo, không ghi cả {one!r} và {other!r}",
    "a count is a whole number, got {value}": "số lượng phải là số nguyên, nhưng là {value}",
    "{value} is below {low}": "{value} nhỏ hơn {low}",
    "{value} is above {high}": "{value} lớn hơn {high}",
    "a ratio needs both done and of": "tỷ lệ cần có cả done và of",
    "{value!r} is not a boolean in YAML 1.2; write true or false": "{value!r} không phải giá trị đúng/sai trong YAML 1.2; hãy viết true hoặc false",
    "{value!r} is text; write the number without quotes": "{value!r} là văn bản; hãy viết số không có dấu nháy",
    "{value!r} is not a number (yes/no/on/off are not booleans or numbers here)":
        "{value!r} không phải số (yes/no/on/off ở đây không phải giá trị đúng/sai hay số)",
    "; a number must be written without quotes": "; số phải viết không có dấu nháy",
    "expected text; put it in quotes": "cần văn bản; hãy đặt trong dấu nháy",
    "expected true or false, got {what}": "cần true hoặc false, nhưng nhận được {what}",
    "a not-applicable leaf takes no {key!r}; remove it or remove na": "tiêu chí không áp dụng thì không có {key!r}; hãy bỏ nó hoặc bỏ na",
    "expected text or a list of texts": "cần văn bản hoặc danh sách văn bản",
    "must be above 0, got {value}": "phải lớn hơn 0, nhưng là {value}",
    "done ({done}) is more than of ({of})": "done ({done}) lớn hơn of ({of})",
    "one of {options} or {{points: }} to override or {{na: true}}": "một trong {options}, hoặc {{points: }} để ghi đè, hoặc {{na: true}}",
    "{value!r} is not an option of this leaf; choose one of {options}": "{value!r} không phải phương án của tiêu chí này; chọn một trong {options}",
    "no shipped framework has this id (shipped: {known}); or give the path of a framework file":
        "không có bộ tiêu chí kèm theo nào có mã này (hiện có: {known}); hoặc hãy chỉ đường dẫn tới tệp bộ tiêu chí",
    "framework {ref!r} cannot be used: {why}": "không dùng được bộ tiêu chí {ref!r}: {why}",
    "its file has the problems below": "tệp của nó có các lỗi dưới đây",
    # --- validate, commands ---
    "framework {id} v{version}: {fields} fields / {criteria} criteria / {subcriteria} sub-criteria / total {total} ({status})":
        "bộ tiêu chí {id} v{version}: {fields} lĩnh vực / {criteria} tiêu chí / {subcriteria} tiêu chí thành phần / "
        "tổng {total} điểm ({status})",
    "unit {unit} {year} against {framework}: {filled} of {leaves} leaves with evidence":
        "đơn vị {unit} năm {year} theo {framework}: {filled} / {leaves} tiêu chí có số liệu",
    "{count} problem(s)": "{count} lỗi",
    "ok, {summary}": "hợp lệ, {summary}",
    "{count} file(s) checked: {valid} valid, {bad} with problems": "đã kiểm tra {count} tệp: {valid} hợp lệ, {bad} có lỗi",
    "warning: {message}": "cảnh báo: {message}",
    "warning:": "cảnh báo:",
    "wrote {file}": "đã ghi {file}",
    "wrote {file} ({count} unit(s))": "đã ghi {file} ({count} đơn vị)",
    "the units use different frameworks ({names}); their indices are not comparable. Rank each framework separately, "
    "or pass --allow-mixed":
        "các đơn vị dùng những bộ tiêu chí khác nhau ({names}); chỉ số của chúng không so sánh được. "
        "Hãy xếp hạng riêng theo từng bộ tiêu chí, hoặc thêm --allow-mixed",
    "Field indices {ids} do not fit the width and are not shown: see them with --fields {ids}, "
    "or use a wider terminal (e.g. COLUMNS=200).":
        "Chỉ số lĩnh vực {ids} không vừa chiều rộng nên chưa hiện: xem bằng --fields {ids}, "
        "hoặc cho màn hình rộng hơn (ví dụ COLUMNS=200).",
    "no field {unknown}; the fields are {fields}": "không có lĩnh vực {unknown}; các lĩnh vực là {fields}",
    "{count} leaf(s) claimed above what the evidence supports": "{count} tiêu chí tự chấm cao hơn mức số liệu cho phép",
    "diff needs two files (A and B), or one unit with --claimed": "diff cần hai tệp (A và B), hoặc một đơn vị kèm --claimed",
    "--claimed takes one unit: parcli diff UNIT --claimed": "--claimed chỉ nhận một đơn vị: parcli diff UNIT --claimed",
    "{part!r} is not LABEL:MIN; write e.g. \"A:90,B:80,C:70,D:0\"": "{part!r} không có dạng NHÃN:MỨC; hãy viết ví dụ \"A:90,B:80,C:70,D:0\"",
    "classes go from the highest min to the lowest, e.g. \"A:90,B:80,C:70,D:0\"":
        "các mức xếp loại đi từ mức cao nhất xuống thấp nhất, ví dụ \"A:90,B:80,C:70,D:0\"",
    "the file exists and may hold filled evidence; it was left as it is. Choose another name, or pass --force to replace it":
        "tệp đã có và có thể chứa số liệu đã điền; tệp được giữ nguyên. Hãy chọn tên khác, hoặc thêm --force để ghi đè",
    "no node with id {id!r}": "không có mục nào mang mã {id!r}",
    "no node with id {id!r}; nearest: {near}": "không có mục nào mang mã {id!r}; gần nhất: {near}",
    "interrupted": "đã dừng",
    "standard output is closed; run parcli with an output to write to":
        "đầu ra chuẩn đã bị đóng; hãy chạy parcli với một đầu ra để ghi",
    "internal error: {error} (run with --debug for the traceback, and please report it)":
        "lỗi nội bộ: {error} (chạy lại với --debug để xem chi tiết, và xin báo lỗi này)",
    "the folder holds no .yaml or .xlsx file": "thư mục không có tệp .yaml hay .xlsx nào",
    "no file matches this pattern": "không có tệp nào khớp mẫu này",
    "cannot write the file: {why}": "không ghi được tệp: {why}",
    "the file is read-only; it was left as it is. Pass --force to replace it":
        "tệp chỉ cho phép đọc; tệp được giữ nguyên. Thêm --force để ghi đè",
    "the folder {folder} does not exist; create it first": "thư mục {folder} chưa có; hãy tạo trước",
    "is a folder; give a file name such as {example}": "là thư mục; hãy cho tên tệp, ví dụ {example}",
    "is one of the input files; choose another output name": "là một trong các tệp đầu vào; hãy chọn tên tệp kết quả khác",
    "the units use different frameworks; their summary columns differ. Export them to separate {xlsx} files, "
    "or to one {others}":
        "các đơn vị dùng những bộ tiêu chí khác nhau nên cột tổng hợp khác nhau. Hãy xuất ra các tệp {xlsx} riêng, "
        "hoặc ra một tệp {others}",
    "more than {rows:,} leaf rows: above what one Excel sheet holds; export to {others} instead":
        "hơn {rows:,} dòng tiêu chí: vượt sức chứa của một trang tính Excel; hãy xuất ra {others}",
    # --- the command line (typer's parser says these in English; parcli/usage.py) ---
    "Usage:": "Cách dùng:",
    "Try '{command} -h' for help.": "Xem '{command} -h' để được hướng dẫn.",
    "Error: {message}": "Lỗi: {message}",
    "Missing argument '{name}'.": "Thiếu tham số '{name}'.",
    "Missing option {option}.": "Thiếu tùy chọn {option}.",
    "No such option: {option}": "Không có tùy chọn {option}",
    "No such option: {option}. Did you mean {near}?": "Không có tùy chọn {option}. Có phải ý bạn là {near}?",
    "No such command '{name}'.": "Không có lệnh '{name}'.",
    "Option '{option}' requires an argument.": "Tùy chọn '{option}' cần một giá trị.",
    "Got unexpected extra argument(s): {args}": "Thừa tham số: {args}",
    "Invalid value for {param}: '{value}' is not one of {choices}.": "Giá trị không hợp lệ cho {param}: '{value}' không phải một trong {choices}.",
    "Invalid value for {param}: '{value}' is not a whole number.": "Giá trị không hợp lệ cho {param}: '{value}' không phải số nguyên.",
    "Invalid value for {param}: {value} is not in the range {range}.": "Giá trị không hợp lệ cho {param}: {value} nằm ngoài khoảng {range}.",
    "Invalid value for {param}: '{value}' is not a number.": "Giá trị không hợp lệ cho {param}: '{value}' không phải là số.",
    "Invalid value for {param}: '{value}' is not true or false.":
        "Giá trị không hợp lệ cho {param}: '{value}' không phải true hoặc false.",
    "Invalid value for {param}; see the command's help (-h) for what it takes.":
        "Giá trị không hợp lệ cho {param}; xem trợ giúp của lệnh (-h) để biết tùy chọn nhận gì.",
    "Option '{option}' does not take a value.": "Tùy chọn '{option}' không nhận giá trị.",
    "Option '{option}' requires {count} arguments.": "Tùy chọn '{option}' cần {count} giá trị.",
    "Missing command.": "Thiếu lệnh.",
    "the command line is not valid at '{word}'; see the command's help (-h)":
        "dòng lệnh không hợp lệ ở '{word}'; xem trợ giúp của lệnh (-h)",
    "the command line is not valid; see the command's help (-h)": "dòng lệnh không hợp lệ; xem trợ giúp của lệnh (-h)",
    "the units use different frameworks ({names}); their indices are not comparable: make one report per framework":
        "các đơn vị dùng những bộ tiêu chí khác nhau ({names}); chỉ số của chúng không so sánh được: hãy lập mỗi "
        "bộ tiêu chí một báo cáo",
    "no class given; write e.g. \"A:90,B:80,C:70,D:0\"": "chưa có xếp loại nào; hãy viết ví dụ \"A:90,B:80,C:70,D:0\"",
    # --- plan ---
    "--apply needs a target and -o NEW ({suffixes})": "--apply cần một mục tiêu và -o TỆP_MỚI ({suffixes})",
    "{value!r} is not a number": "{value!r} không phải là số",
    "give one target: --target-index, --target-class, --gain or --target-rank":
        "chỉ cho một mục tiêu: --target-index, --target-class, --gain hoặc --target-rank",
    "an index is in [0, 100], got {value}": "chỉ số nằm trong [0, 100], nhưng là {value}",
    "no class {label!r}; the classes are {labels}": "không có xếp loại {label!r}; các xếp loại là {labels}",
    "--target-rank needs --against RANK.csv (a file written by parcli rank -o)":
        "--target-rank cần --against XEP_HANG.csv (tệp do parcli rank -o ghi)",
    "--against goes with --target-rank N": "--against đi cùng --target-rank N",
    "an effort file maps leaf ids or rule kinds to weights, e.g. {{\"3.2.1\": 3, bands: 2, default: 1}}":
        "tệp công sức gán trọng số cho mã tiêu chí hoặc loại quy tắc, ví dụ {{\"3.2.1\": 3, bands: 2, default: 1}}",
    "a weight is a number above 0, got {what}": "trọng số là số lớn hơn 0, nhưng là {what}",
    "no rank {rank}: the file ranks {count} other unit(s)": "không có hạng {rank}: tệp chỉ xếp hạng {count} đơn vị khác",
    "a text of {length:,} characters is longer than an Excel cell holds ({limit:,}): {start}; export to .csv or "
    ".json instead": "một đoạn văn bản dài {length:,} ký tự, vượt sức chứa của một ô Excel ({limit:,}): {start}; hãy "
                     "xuất ra .csv hoặc .json",
    "a note or documents of {length:,} characters are longer than an Excel cell holds ({limit:,}); shorten them, "
    "or keep this unit in YAML": "giải trình hoặc tài liệu dài {length:,} ký tự, vượt sức chứa của một ô Excel "
                                 "({limit:,}); hãy rút gọn, hoặc giữ hồ sơ này ở dạng YAML",
    # --- the self-assessment form (.xlsx) ---
    "not a readable .xlsx workbook ({detail}); open it in Excel or LibreOffice and save it again":
        "không đọc được tệp .xlsx ({detail}); hãy mở bằng Excel hoặc LibreOffice rồi lưu lại",
    "the workbook holds macros; parcli reads forms saved as .xlsx (Excel Workbook) only":
        "tệp có chứa macro; parcli chỉ đọc phiếu lưu dạng .xlsx (Excel Workbook)",
    "the workbook inflates to more than the size limit of {limit:,} bytes (PARCLI_MAX_BYTES); it is refused unread":
        "tệp khi giải nén vượt giới hạn {limit:,} byte (PARCLI_MAX_BYTES); tệp bị từ chối, không đọc",
    "parcli reads forms saved as .xlsx (Excel Workbook); this is {suffix}: save it as .xlsx":
        "parcli đọc phiếu lưu dạng .xlsx (Excel Workbook); tệp này là {suffix}: hãy lưu lại dạng .xlsx",
    "not a parcli form (it has no hidden '{meta}' sheet); make a form with parcli template FRAMEWORK -o form.xlsx":
        "không phải phiếu của parcli (không có trang tính ẩn '{meta}'); hãy tạo phiếu bằng "
        "parcli template BỘ_TIÊU_CHÍ -o phieu.xlsx",
    "not a parcli form ('{meta}' sheet without {schema}); make a form with parcli template FRAMEWORK -o form.xlsx":
        "không phải phiếu của parcli (trang tính '{meta}' không có {schema}); hãy tạo phiếu bằng "
        "parcli template BỘ_TIÊU_CHÍ -o phieu.xlsx",
    "the form's sheet {sheet!r} is missing; was it renamed? Give it back its name":
        "thiếu trang tính {sheet!r} của phiếu; có phải đã bị đổi tên? Hãy đặt lại tên cũ",
    "a formula without a saved value; open the file in Excel or LibreOffice and save it, so that its value is stored":
        "ô có công thức nhưng chưa lưu giá trị; hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để giá trị được ghi",
    "this form was made for framework {id} v{form_version} (sha256 {form_sha}); the framework is now v{version} "
    "(sha256 {sha}). Make a new form with parcli convert, or use the framework file it was made for":
        "phiếu này được tạo cho bộ tiêu chí {id} v{form_version} (sha256 {form_sha}); bộ tiêu chí hiện là "
        "v{version} (sha256 {sha}). Hãy tạo phiếu mới bằng parcli convert, hoặc dùng đúng tệp bộ tiêu chí đã tạo phiếu",
    "warning: the form names its framework {name!r}: copy {source} beside the form (a form reads only a shipped framework or a framework file beside it)":
        "cảnh báo: phiếu ghi bộ tiêu chí là {name!r}: hãy chép {source} vào cùng thư mục với phiếu (phiếu chỉ đọc bộ tiêu chí có sẵn hoặc tệp bộ tiêu chí nằm cạnh phiếu)",
    'the sheet was changed by hand or by another program: make the form again (parcli template or convert) and copy the values into it':
        'trang tính này đã bị sửa bằng tay hoặc bởi chương trình khác: hãy tạo lại phiếu (parcli template hoặc convert) rồi chép các giá trị sang',
    'the form names its framework {ref!r}; a form names a shipped framework (parcli frameworks) or a framework file beside the form, by its name alone':
        'phiếu ghi bộ tiêu chí là {ref!r}; phiếu chỉ ghi một bộ tiêu chí có sẵn (parcli frameworks) hoặc tên một tệp bộ tiêu chí nằm cạnh phiếu, không ghi đường dẫn',
    '{subject}: {value!r} is neither {yes} nor {no}; choose one from the list':
        '{subject}: {value!r} không phải {yes} hay {no}; hãy chọn trong danh sách',
    'cell {cell} ({label})':
        'ô {cell} ({label})',
    '{subject}: the cell shows the error {error}, a formula that cannot be computed; correct the formula or type the value':
        '{subject}: ô báo lỗi {error}, tức là công thức không tính được; hãy sửa công thức hoặc gõ trực tiếp giá trị',
    '{subject}: the spreadsheet turned the number into a date ({date}); format the cell as Number and type the number again':
        '{subject}: bảng tính đã biến số thành ngày tháng ({date}); hãy định dạng ô là Số (Number) rồi gõ lại số',
    '{subject}: {value!r} is not a number':
        '{subject}: {value!r} không phải là số',
    '{subject}: {value} is too large (numbers are below 10¹²)':
        '{subject}: {value} quá lớn (số phải nhỏ hơn 10¹²)',
    "{subject}: {value!r} is not one of this leaf's options ({options}); choose one from the list":
        '{subject}: {value!r} không phải phương án của tiêu chí này ({options}); hãy chọn trong danh sách',
    '{subject}: {value} is below {low}':
        '{subject}: {value} nhỏ hơn {low}',
    'two columns are headed {head!r} ({first} and {second}); keep one':
        'có hai cột cùng tên {head!r} ({first} và {second}); hãy giữ lại một cột',
    '{column}: {leaf} is also in row {row}; each id has one row: delete one of the two':
        '{column}: {leaf} đã có ở dòng {row}; mỗi mã chỉ có một dòng: hãy xóa một trong hai dòng',
    '{leaf}: its row is missing from the sheet (it was row {row}); put the row back, e.g. copied from a new form (parcli template {framework} -o form.xlsx)':
        '{leaf}: trang tính thiếu dòng của mã này (trước là dòng {row}); hãy thêm lại dòng, chẳng hạn chép từ một phiếu mới (parcli template {framework} -o phieu.xlsx)',
    '{leaf}: its row is missing from the sheet; put the row back, e.g. copied from a new form (parcli template {framework} -o form.xlsx)':
        '{leaf}: trang tính thiếu dòng của mã này; hãy thêm lại dòng, chẳng hạn chép từ một phiếu mới (parcli template {framework} -o phieu.xlsx)',
    '{subject}: the row is not applicable ({na_column}: {yes}); clear {column}, or clear {na_column}':
        '{subject}: dòng này được đánh dấu không áp dụng ({na_column}: {yes}); hãy xóa {column}, hoặc xóa {na_column}',
    "{subject}: {leaf} is a {level}; its row takes only {na_column} (with {note_column}); the evidence goes on its leaves' rows":
        '{subject}: {leaf} là {level}; dòng này chỉ điền {na_column} (kèm {note_column}); số liệu ghi ở dòng các tiêu chí thành phần',
    "{subject}: {value} is above the leaf's max {max}":
        '{subject}: {value} vượt điểm tối đa {max} của tiêu chí',
    '{subject}: {value} is above {high}':
        '{subject}: {value} lớn hơn {high}',
    'the hidden sheet holds {what} where an id belongs (text without invisible or control characters)':
        'trang tính ẩn có {what} ở chỗ của một mã (văn bản không có ký tự ẩn hay ký tự điều khiển)',
    "the hidden sheet's row of {id} is {what}, not a whole number from 1 to {max:,}":
        'số dòng của {id} ở trang tính ẩn là {what}, không phải số nguyên từ 1 đến {max:,}',
    "the hidden sheet's {key} is {what}, not a cell reference such as B2":
        '{key} ở trang tính ẩn là {what}, không phải địa chỉ ô như B2',
    '{subject}: the cell shows a percentage ({shown}%), but this column takes a number; format the cell as Number and type the number again':
        '{subject}: ô hiển thị tỷ lệ phần trăm ({shown}%) nhưng cột này cần một số; hãy định dạng ô là Số (Number) rồi gõ lại số',
    '{subject}: {value!r} may be read as {one} or as {other}; type the number again without a thousands separator':
        '{subject}: {value!r} có thể hiểu là {one} hoặc {other}; hãy gõ lại số, không dùng dấu phân cách hàng nghìn',
    'the sheet has no column headed {head!r} (it was column {letter}); put the column back, or make a new form':
        'trang tính không có cột {head!r} (trước là cột {letter}); hãy thêm lại cột, hoặc tạo phiếu mới',
    '{subject} is empty; write the year, e.g. {year}':
        '{subject} còn trống; hãy ghi năm, ví dụ {year}',
    '{subject}: {value} is not a year; write the year, e.g. {year}':
        '{subject}: {value} không phải là năm; hãy ghi năm, ví dụ {year}',
    "{subject} is empty; write the unit's name":
        '{subject} còn trống; hãy ghi tên đơn vị',
    "{column}: this row has no id ({id_column}), so its values belong to no leaf; type the id, or move the values to their leaf's row":
        '{column}: dòng này không có mã ({id_column}) nên giá trị không thuộc tiêu chí nào; hãy gõ mã, hoặc chuyển giá trị sang đúng dòng của tiêu chí',
    '{column}: {value!r} is not an id of framework {framework}; this row was {was} when the form was made: type its id back':
        '{column}: {value!r} không phải mã trong bộ tiêu chí {framework}; khi tạo phiếu, dòng này là {was}: hãy gõ lại mã đó',
    "{column}: {value!r} is not an id of framework {framework}; type the row's id as the framework gives it, or delete the row":
        '{column}: {value!r} không phải mã trong bộ tiêu chí {framework}; hãy gõ đúng mã theo bộ tiêu chí, hoặc xóa dòng này',
    "{subject}: on the row of a {level}, {column} says why it is not applicable ({na_column}: {yes}); a note on the evidence goes on a leaf's row":
        '{subject}: ở dòng của {level}, {column} chỉ để nói vì sao không áp dụng ({na_column}: {yes}); giải trình về số liệu ghi ở dòng tiêu chí thành phần',
    '{subject}: give either {column}, or {done_column} and {of_column}, not both':
        '{subject}: chỉ điền {column}, hoặc {done_column} và {of_column}, không điền cả hai',
    '{subject}: a count is a whole number, got {value}':
        '{subject}: số lượng phải là số nguyên, nhưng là {value}',
    "the hidden sheet's {key} is {what}, not a column letter such as E":
        '{key} ở trang tính ẩn là {what}, không phải tên cột như E',
    '{subject}: year {value} is outside 1990–2100':
        '{subject}: năm {value} nằm ngoài 1990–2100',
    '{leaf}: it is under {parent} (row {row}), which is not applicable; clear one of the two':
        '{leaf}: thuộc {parent} (dòng {row}) đã đánh dấu không áp dụng; hãy xóa một trong hai',
    '{subject}: {leaf} is not a rate; {done_column} and {of_column} stay empty, its value goes in {value_column}':
        '{subject}: {leaf} không phải tiêu chí tỷ lệ; để trống {done_column} và {of_column}, ghi giá trị vào cột {value_column}',
    '{subject}: {done_column} and {of_column} go together; fill in both, or neither':
        '{subject}: {done_column} và {of_column} đi cùng nhau; hãy điền cả hai, hoặc bỏ trống cả hai',
    "the hidden sheet's {key} is {what}, not a sha256 (64 hex digits)":
        '{key} ở trang tính ẩn là {what}, không phải mã sha256 (64 chữ số hệ 16)',
    '{subject}: must be above 0, got {value}':
        '{subject}: phải lớn hơn 0, nhưng là {value}',
    "the hidden sheet's {key} is {what}, not text":
        '{key} ở trang tính ẩn là {what}, không phải văn bản',
    '{subject}: {value} is more than {of_column} ({of})':
        '{subject}: {value} lớn hơn {of_column} ({of})',
    "{ref!r} is not a parcli framework file; put the form's framework beside it":
        '{ref!r} không phải tệp bộ tiêu chí của parcli; hãy đặt tệp bộ tiêu chí của phiếu cạnh phiếu',
    'the sheet {sheet!r} has a cell without an A1-style reference (r="E12") or with one outside Excel\'s grid; a workbook saved by Excel or LibreOffice never has: save it again from one of them':
        'trang tính {sheet!r} có ô không ghi địa chỉ kiểu A1 (r="E12") hoặc địa chỉ nằm ngoài lưới của Excel; tệp do Excel hay LibreOffice lưu không bao giờ như vậy: hãy mở và lưu lại bằng một trong hai chương trình',
    "not UTF-8 text; give a rank CSV that parcli rank wrote": "không phải văn bản UTF-8; hãy dùng tệp CSV xếp hạng do parcli rank ghi",
    "the file is empty; give a rank CSV that parcli rank wrote": "tệp rỗng; hãy dùng tệp CSV xếp hạng do parcli rank ghi",
    "not a CSV file: {detail}": "không phải tệp CSV: {detail}",
    "missing column(s) {columns}; give a rank CSV written by parcli rank": "thiếu cột {columns}; hãy dùng tệp CSV xếp hạng do parcli rank ghi",
    "not valid JSON: {detail}": "JSON không hợp lệ: {detail}",
    "not a usable parcli result: {detail}": "không dùng được làm kết quả parcli: {detail}",
    "nested too deeply": "lồng nhau quá sâu",
    # --- why the system refused a file (parcli/errors.py os_reason) ---
    "no such file or folder": "không có tệp hay thư mục này",
    "permission denied": "không có quyền",
    "it is a folder": "đó là một thư mục",
    "a part of the path is not a folder": "một phần của đường dẫn không phải thư mục",
    "the name is too long for the file system": "tên quá dài đối với hệ thống tệp",
    "too many symbolic links (a loop)": "quá nhiều liên kết tượng trưng (một vòng lặp)",
    "the disk is full": "ổ đĩa đã đầy",
    "the disk quota is used up": "đã dùng hết hạn mức dung lượng đĩa",
    "the file system is read-only": "hệ thống tệp chỉ cho phép đọc",
    "an input/output error of the disk": "lỗi đọc/ghi của ổ đĩa",
    "too many files are open": "có quá nhiều tệp đang mở",
    "the file is in use by another program": "tệp đang được một chương trình khác sử dụng",
    "the file exists already": "tệp đã tồn tại",
    "the file cannot be moved across disks": "không thể chuyển tệp sang ổ đĩa khác",
    "the name is not valid here": "tên không hợp lệ ở đây",
    "the file is too large for the file system": "tệp quá lớn đối với hệ thống tệp",
    "system error {code}": "lỗi hệ thống {code}",
    # --- what the json and csv modules found (parcli/diff.py, parcli/rank.py) ---
    "a value is expected here": "ở đây cần một giá trị",
    "a key in double quotes is expected here": "ở đây cần một khóa đặt trong nháy kép",
    "a ':' is expected here": "ở đây cần dấu ':'",
    "a ',' is expected here": "ở đây cần dấu ','",
    "a text in quotes is not closed": "một đoạn văn bản trong dấu nháy chưa được đóng",
    "a control character in a text": "có ký tự điều khiển trong văn bản",
    "an escape (\\) that JSON does not know": "ký tự thoát (\\) mà JSON không hiểu",
    "more data after the end": "còn dữ liệu sau chỗ kết thúc",
    "a ',' before the closing bracket": "có dấu ',' ngay trước dấu đóng ngoặc",
    "the JSON syntax is broken here": "cú pháp JSON bị sai ở đây",
    "a cell longer than {limit:,} characters": "một ô dài hơn {limit:,} ký tự",
    "a NUL character (binary data)": "có ký tự NUL (dữ liệu nhị phân)",
    "a line break inside a cell without quotes": "có dấu xuống dòng trong một ô không đặt trong dấu nháy",
    "the file ends inside a quoted cell": "tệp kết thúc giữa một ô đặt trong dấu nháy",
    "the CSV syntax is broken here": "cú pháp CSV bị sai ở đây",
    # --- the YAML parser's findings, in parcli's words (parcli/hints.py) ---
    "a list in [ ] goes on here without ',' or ']': separate its items with commas and close it with ]":
        "danh sách trong [ ] thiếu dấu ',' hoặc ']' ở đây: ngăn các phần tử bằng dấu phẩy và đóng bằng ]",
    "a mapping in {{ }} goes on here without ',' or '}}': separate its pairs with commas and close it with }}":
        "ánh xạ trong {{ }} thiếu dấu ',' hoặc '}}' ở đây: ngăn các cặp khóa: giá trị bằng dấu phẩy và đóng bằng }}",
    "a '[' or '{{' is not closed, or a line is indented wrongly":
        "có dấu '[' hoặc '{{' chưa được đóng, hoặc một dòng thụt lề sai",
    "a value is missing here": "thiếu giá trị ở đây",
    "a key was expected here": "ở đây cần một khóa",
    "the block should end here, but this line goes on inside it": "khối phải kết thúc ở đây, nhưng dòng này lại tiếp tục nó",
    "a ':' where no key can begin; text that holds ': ' goes in quotes":
        "dấu ':' ở chỗ không thể bắt đầu một khóa; văn bản có chứa ': ' phải đặt trong dấu nháy",
    "a list item ('- ') was expected here": "ở đây cần một mục danh sách ('- ')",
    "a ':' was expected after the key": "sau khóa cần dấu ':'",
    "this character cannot begin a value (such as @ or `): put the text in quotes":
        "ký tự này không được đứng đầu một giá trị (như @ hoặc `): hãy đặt đoạn văn bản trong dấu nháy",
    "the file ends inside a quoted text or a bracket: close it":
        "tệp kết thúc khi một đoạn trong dấu nháy hoặc một dấu ngoặc chưa được đóng: hãy đóng lại",
    "an escape (\\) that YAML does not know in double-quoted text: write \\\\ for a backslash, or use single quotes":
        "ký tự thoát (\\) mà YAML không hiểu trong văn bản đặt trong nháy kép: viết \\\\ cho dấu gạch chéo ngược, "
        "hoặc dùng nháy đơn",
    "an unexpected ':': put text that holds ': ' in quotes":
        "dấu ':' không đúng chỗ: hãy đặt văn bản có chứa ': ' trong dấu nháy",
    "a control character that YAML does not allow: remove it": "ký tự điều khiển mà YAML không cho phép: hãy xóa nó",
    "more text after the value on this line: quote the whole value, or start a comment with ' #'":
        "còn chữ sau giá trị trên dòng này: hãy đặt cả giá trị trong dấu nháy, hoặc bắt đầu chú thích bằng ' #'",
    "a second document (---) in the file: a parcli file is one document":
        "tệp có tài liệu thứ hai (---): một tệp parcli chỉ gồm một tài liệu",
    "a list item ('- ') where it cannot be: check the indentation of this line":
        "một mục danh sách ('- ') ở chỗ không được phép: hãy kiểm tra thụt lề của dòng này",
    "a YAML directive (a line starting with %) that parcli does not take: remove the line":
        "chỉ thị YAML (dòng bắt đầu bằng %) mà parcli không nhận: hãy xóa dòng này",
    "a block text (| or >) with something after it that YAML does not take":
        "khối văn bản (| hoặc >) có ký tự theo sau mà YAML không nhận",
    "a space is missing here": "thiếu dấu cách ở đây",
    "a malformed anchor or alias (& or *): anchors and aliases are not supported; write the value out":
        "neo hoặc bí danh (& hoặc *) viết sai: parcli không hỗ trợ neo và bí danh; hãy viết đầy đủ giá trị",
    "a malformed tag (!…): tags are not allowed; remove it": "thẻ (!…) viết sai: không được dùng thẻ; hãy xóa nó",
    "the file is too long for the YAML reader": "tệp quá dài đối với bộ đọc YAML",
    "text that is not valid UTF-8: save the file as UTF-8": "văn bản không phải UTF-8 hợp lệ: hãy lưu tệp bằng UTF-8",
    "a key given twice: each key may appear once": "một khóa xuất hiện hai lần: mỗi khóa chỉ được có một lần",
    "in a list [ ]": "trong danh sách [ ]",
    "in a mapping {{ }}": "trong ánh xạ {{ }}",
    "in a mapping of key: value lines": "trong ánh xạ gồm các dòng khóa: giá trị",
    "in a list of '- ' lines": "trong danh sách gồm các dòng '- '",
    "in a quoted text": "trong văn bản đặt trong dấu nháy",
    "in a key": "trong một khóa",
    "in a text": "trong một đoạn văn bản",
    "in a block text after | or >": "trong khối văn bản sau | hoặc >",
    "in an anchor & or an alias *": "trong neo & hoặc bí danh *",
    "in a tag !…": "trong thẻ !…",
    "in a directive %…": "trong chỉ thị %…",
    "in a value": "trong một giá trị",
    "the YAML syntax is broken here": "cú pháp YAML bị sai ở đây",
    "holds {count} results; diff compares one result with one result": "chứa {count} kết quả; diff so sánh từng kết quả một",
    "not a parcli result (schema {schema}); parcli score writes one in JSON":
        "không phải kết quả parcli (schema {schema}); parcli score ghi kết quả này dưới dạng JSON",
    "{name} is not a finite number": "{name} không phải số hữu hạn",
    "the frameworks differ ({a} and {b}): leaves are not compared; fields are compared by their names where the "
    "names match, by their index (%)":
        "hai bộ tiêu chí khác nhau ({a} và {b}): không so sánh từng tiêu chí; các lĩnh vực được so sánh theo tên "
        "(nơi tên trùng nhau), bằng chỉ số (%)",
    "framework versions differ: {a} ({a_sha}) and {b} ({b_sha}); some changes may come from the framework":
        "phiên bản bộ tiêu chí khác nhau: {a} ({a_sha}) và {b} ({b_sha}); một số thay đổi có thể do bộ tiêu chí",
    "these are different units: {a} and {b}": "đây là hai đơn vị khác nhau: {a} và {b}",
    "a result is a JSON object": "kết quả phải là một đối tượng JSON",
    "it has no {key!r}": "thiếu {key!r}",
    "framework must be an object with an id": "framework phải là một đối tượng có id",
    "unit and code must be text": "unit và code phải là văn bản",
    "year must be a whole number": "year phải là số nguyên",
    "class must be text": "class phải là văn bản",
    "fields and leaves must be lists": "fields và leaves phải là danh sách",
    "points and max must be numbers": "points và max phải là số",
    "each field and leaf must be an object": "mỗi lĩnh vực và tiêu chí phải là một đối tượng",
    "{key} must be a number": "{key} phải là số",
    "{key} must be a finite number": "{key} phải là số hữu hạn",
    "each field and leaf needs an id": "mỗi lĩnh vực và tiêu chí cần có id",
    "each field and leaf must be an object with a text title": "mỗi lĩnh vực và tiêu chí phải là đối tượng có tiêu đề dạng văn bản",
    "{key} must be text": "{key} phải là văn bản",
    "a status must be text": "trạng thái phải là văn bản",
    # --- outputs chosen by their suffix ---
    "{what} is written as {suffixes}; this name ends in {suffix!r}":
        "{what} được ghi thành tệp {suffixes}; tên này có đuôi {suffix!r}",
    "{what} is written as {suffixes}": "{what} được ghi thành tệp {suffixes}",
    "(no suffix)": "(không có đuôi)",
    "an export": "kết quả xuất",
    "a ranking": "bảng xếp hạng",
    "a unit": "hồ sơ đơn vị",
    "a template": "mẫu hồ sơ",
    "a report": "báo cáo",
    # --- many units in one run ---
    "{count} file(s) given more than once (through overlapping folders or patterns) are read once:":
        "{count} tệp được chỉ ra nhiều lần (qua các thư mục hay mẫu chồng lên nhau) chỉ được đọc một lần:",
    " and {count} more": " và {count} tệp khác",
    "the same unit and year as {other} ({unit}, {year}): one run takes one file of each unit and year; "
    "leave one of the two out":
        "cùng đơn vị và cùng năm với {other} ({unit}, {year}): mỗi lần chạy chỉ nhận một tệp cho mỗi đơn vị "
        "trong một năm; hãy bỏ bớt một trong hai tệp",
    "{file}: no leaf has evidence (a blank form or unit file?); it counts with 0 points":
        "{file}: không tiêu chí nào có số liệu (phiếu hay hồ sơ còn để trống?); đơn vị được tính 0 điểm",
    "{count} unit(s)": "{count} đơn vị",
    "the units are of {count} different years, their indices ranked as if of one year:":
        "các đơn vị thuộc {count} năm khác nhau, chỉ số của chúng được xếp hạng như cùng một năm:",
    # --- an earlier ranking workbook (--previous x.xlsx) ---
    "two parts of the zip have one name": "hai phần của tệp zip trùng tên",
    "it has no sheet": "tệp không có trang tính nào",
    "a damaged zip": "tệp zip bị hỏng",
    "its sheet cannot be read": "không đọc được trang tính",
    "(a cell as far as {cell}: delete the rows and columns beyond the table and save it again)":
        "(có ô xa tới {cell}: hãy xóa các dòng và cột nằm ngoài bảng rồi lưu lại)",
    "the sheet spans {rows:,} rows × {cols:,} columns, more than parcli reads ({limit:,} cells); it is refused unread":
        "trang tính trải trên {rows:,} dòng × {cols:,} cột, nhiều hơn mức parcli đọc ({limit:,} ô); tệp bị từ chối, "
        "không đọc",
    "its shared strings declare more strings than they hold": "phần chuỗi dùng chung khai báo nhiều chuỗi hơn số chuỗi có thật",
    "no header row with the columns {columns}; give the ranking workbook that parcli rank or export wrote":
        "không có dòng tiêu đề với các cột {columns}; hãy dùng bảng xếp hạng Excel do parcli rank hoặc export ghi ra",
    # --- issue 20: the cache, plan, report, signals and names ---
    "note: {option} {value} is taken as {shown} (the index is shown with {places} decimals)":
        "lưu ý: {option} {value} được hiểu là {shown} (chỉ số hiển thị {places} chữ số thập phân)",
    "every field of this unit is not applicable (na): it has no index, so there is no index to raise":
        "mọi lĩnh vực của đơn vị này đều không áp dụng (na): đơn vị không có chỉ số, nên không có chỉ số nào để nâng",
    "a gain is above 0 and at most 100 index points, got {value}":
        "mức tăng phải lớn hơn 0 và không quá 100 điểm chỉ số, nhưng là {value}",
    "the weights or the points are too fine to find the cheapest plan exactly ({cells:,} sums to try, the limit is {limit:,}); give weights with fewer decimals, e.g. whole numbers":
        "trọng số hoặc điểm quá lẻ để tìm chính xác kế hoạch ít công sức nhất ({cells:,} tổng phải thử, giới hạn là {limit:,}); hãy cho trọng số ít chữ số thập phân hơn, ví dụ số nguyên",
    "{key!r} is a {kind}, not a leaf: give the weight of each of its leaves":
        "{key!r} là {kind}, không phải tiêu chí thành phần: hãy cho trọng số của từng tiêu chí thành phần của nó",
    "{key!r} is not a leaf id of {framework} nor a rule kind ({kinds}) nor default":
        "{key!r} không phải mã tiêu chí thành phần của {framework}, không phải loại quy tắc ({kinds}), cũng không phải default",
    "; did you mean {near!r}?":
        "; có phải ý bạn là {near!r}?",
    "rank {value!r} is not a whole number from 1":
        "thứ hạng {value!r} không phải số nguyên từ 1 trở lên",
    "index {value} is outside [0, 100]":
        "chỉ số {value} nằm ngoài [0, 100]",
    "index: {why}":
        "chỉ số: {why}",
    "writing the report":
        "đang viết báo cáo",
    "scoring":
        "đang chấm điểm",
    "a note of {length:,} characters is longer than an Excel cell holds ({limit:,}); export to .csv or .json instead, or shorten it":
        "giải trình dài {length:,} ký tự, vượt sức chứa của một ô Excel ({limit:,}); hãy xuất ra .csv hoặc .json, hoặc rút gọn giải trình",
    "the name is too long for the file system ({length:,} characters, or a folder name in it); choose a shorter name":
        "tên quá dài đối với hệ thống tệp ({length:,} ký tự, hoặc có tên thư mục quá dài); hãy chọn tên ngắn hơn",
    "the framework's file name is not UTF-8 text, so a unit file cannot name it; rename the file":
        "tên tệp bộ tiêu chí không phải văn bản UTF-8, nên hồ sơ đơn vị không ghi được tên này; hãy đổi tên tệp",
    # --- rule kinds: their names (context "rule kind"), their rules in words, units of measures ---
    "rule kind\x04yes/no": "có/không",
    "Yes: {max} points; no: 0": "Có: {max} điểm; không: 0",
    "rule kind\x04choice": "chọn mức",
    "One of: {options}": "Chọn một: {options}",
    "rule kind\x04bands": "theo khoảng",
    "above {t}: {p}": "trên {t}: {p}",
    "{t} or more: {p}": "từ {t} trở lên: {p}",
    "otherwise: {p}": "còn lại: {p}",
    "rule kind\x04linear": "tỷ lệ thuận",
    "{max} × share / {full_at}% (at most {max})": "{max} × tỷ lệ / {full_at}% (tối đa {max})",
    "rule kind\x04survey scale": "thang điểm khảo sát",
    "{max} × survey score / {of}": "{max} × điểm khảo sát / {of}",
    "measure unit\x04points/{of}": "điểm/{of}",
    "rule kind\x04per item": "cộng theo số lần",
    "{each} points per item, at most {max}": "{each} điểm mỗi lần, tối đa {max}",
    "rule kind\x04deduction": "trừ theo vi phạm",
    "{max} minus {each} per violation, not below 0": "{max} trừ {each} điểm mỗi vi phạm, không dưới 0",
    "rule kind\x04appraisers' points": "thẩm định chấm",
    "Points given directly by the appraisers (0 to {max})": "Hội đồng thẩm định chấm trực tiếp (0 đến {max})",
    "why not planned\x04appraisers' points": "hội đồng thẩm định chấm",
    "measure unit\x04count": "số lượng",
    "measure unit\x04value": "giá trị",
    # --- issue-campaign ---
    "SQLite integrity: ok": "Tính toàn vẹn SQLite: tốt",
    "{count} received file(s) present, each with its sha256": "Có đủ {count} tệp đã nhận, mỗi tệp đúng sha256 của nó",
    "replaying received/ in order rebuilds exactly the stored state ({count} file(s))":
        "Nhận lại received/ theo đúng thứ tự dựng lại đúng trạng thái đã lưu ({count} tệp)",
    "campaign.db is damaged: {why}; restore it from a backup": "campaign.db bị hỏng: {why}; hãy khôi phục từ bản sao lưu",
    "received/{sha}.xlsx is missing: the file recorded then is gone; restore received/ from a backup":
        "thiếu received/{sha}.xlsx: tệp đã ghi nhận không còn nữa; hãy khôi phục received/ từ bản sao lưu",
    "received/{sha}.xlsx was changed: its bytes no longer have that sha256; restore it from a backup":
        "received/{sha}.xlsx đã bị sửa: nội dung không còn đúng sha256 đó; hãy khôi phục từ bản sao lưu",
    "received/{name}: a file without a record (a receive stopped before it finished); harmless: nothing reads it, "
    "and receiving it again records it":
        "received/{name}: tệp chưa được ghi nhận (một lần nhận bị dừng giữa chừng); vô hại: không lệnh nào đọc tệp "
        "này, và nhận lại tệp sẽ ghi nhận nó",
    "replaying received/ gives another {table} than the store holds (first difference at row {row}: {fresh} "
    "replayed, {stored} stored)":
        "nhận lại received/ cho bảng {table} khác với dữ liệu đã lưu (khác đầu tiên ở dòng {row}: nhận lại ra "
        "{fresh}, đã lưu {stored})",
    "campaign.db is damaged ({why}); restore it from a backup": "campaign.db bị hỏng ({why}); hãy khôi phục từ bản sao lưu",
    "{folder} is not a campaign (it has no {file}); start one with parcli campaign init {folder} --framework F "
    "--year Y":
        "{folder} không phải là một đợt chấm điểm (không có {file}); hãy tạo bằng parcli campaign init {folder} "
        "--framework F --year Y",
    "schema must be {schema}": "schema phải là {schema}",
    "id must be a short name of letters, digits, '-', '_' or '.', e.g. so-nganh-2025":
        "id phải là một tên ngắn gồm chữ, số, '-', '_' hoặc '.', ví dụ so-nganh-2025",
    "year must be a year such as 2025": "year phải là một năm, ví dụ 2025",
    "issuer is a mapping of text, e.g. {{agency: SỞ NỘI VỤ TỈNH ..., place: ...}}":
        "issuer là một ánh xạ các đoạn văn bản, ví dụ {{agency: SỞ NỘI VỤ TỈNH ..., place: ...}}",
    "groups is a list of groups, each {{id, title, framework, units}}":
        "groups là danh sách các nhóm, mỗi nhóm {{id, title, framework, units}}",
    "appraisers is a list of {{code, name, covers}}": "appraisers là danh sách {{code, name, covers}}",
    "deadlines is a mapping of the stages {stages} to local times such as 2025-11-03T17:00":
        "deadlines gán cho mỗi giai đoạn {stages} một thời điểm theo giờ Việt Nam, ví dụ 2025-11-03T17:00",
    "extensions is a mapping code -> {{stage: local time}}, e.g. {{SYT: {{self_assessment: 2025-11-06T17:00}}}}":
        "extensions gán mã -> {{giai đoạn: thời điểm}}, ví dụ {{SYT: {{self_assessment: 2025-11-06T17:00}}}}",
    "policy is a mapping, e.g. {{missing_documents: explain}}": "policy là một ánh xạ, ví dụ {{missing_documents: explain}}",
    "unknown key {key!r}; a campaign file has {keys}": "khóa không hợp lệ {key!r}; tệp đợt chấm điểm có {keys}",
    "a code is 1 to 40 letters, digits, '-', '_' or '.' (e.g. SYT), not {value!r}":
        "mã gồm 1 đến 40 chữ, số, '-', '_' hoặc '.' (ví dụ SYT), không phải {value!r}",
    "code {code} is given twice (also at line {line}); every unit and appraiser needs its own code":
        "mã {code} bị khai hai lần (cả ở dòng {line}); mỗi đơn vị và tổ thẩm định cần một mã riêng",
    "a group is a mapping {{id, title, framework, units}}": "một nhóm là ánh xạ {{id, title, framework, units}}",
    "a group's id is a short name of letters, digits, '-', '_' or '.'":
        "id của nhóm là một tên ngắn gồm chữ, số, '-', '_' hoặc '.'",
    "group {id} is given twice; each group needs its own id": "nhóm {id} bị khai hai lần; mỗi nhóm cần một id riêng",
    "framework is a shipped id (parcli frameworks) or a path relative to campaign.yaml":
        "framework là id một bộ tiêu chí có sẵn (parcli frameworks) hoặc đường dẫn tính từ campaign.yaml",
    "units is a list of {{code, name}}": "units là danh sách {{code, name}}",
    "an appraiser is {{code: TGV1, name: ..., covers: [\"1\", \"4\"]}}":
        "một tổ thẩm định là {{code: TGV1, name: ..., covers: [\"1\", \"4\"]}}",
    "group {group}: {count} assessment leaves are covered by no appraiser: {ids}; add them (or their field or "
    "criterion) to an appraiser's covers":
        "nhóm {group}: {count} tiêu chí thành phần chấm thẩm định chưa giao cho tổ nào: {ids}; hãy thêm chúng (hoặc "
        "lĩnh vực, tiêu chí của chúng) vào covers của một tổ",
    "group {group}: leaves covered by two appraisers: {ids}; each leaf belongs to one appraiser":
        "nhóm {group}: tiêu chí thành phần giao cho hai tổ: {ids}; mỗi tiêu chí chỉ thuộc một tổ",
    "unknown stage {key!r}; the stages are {stages}": "giai đoạn không hợp lệ {key!r}; các giai đoạn là {stages}",
    "{value!r} is not a date and time; write it as 2025-11-03T17:00 (local time, Asia/Ho_Chi_Minh)":
        "{value!r} không phải ngày giờ; hãy viết dạng 2025-11-03T17:00 (giờ Việt Nam, Asia/Ho_Chi_Minh)",
    "{stage} ({at}) must come after {before} ({then}): the stages run in order":
        "{stage} ({at}) phải sau {before} ({then}): các giai đoạn diễn ra theo thứ tự",
    "no unit or appraiser has the code {code}": "không có đơn vị hay tổ thẩm định nào mang mã {code}",
    "an extension is {{stage: local time}}, e.g. {{self_assessment: 2025-11-06T17:00}}":
        "một gia hạn là {{giai đoạn: thời điểm}}, ví dụ {{self_assessment: 2025-11-06T17:00}}",
    "missing_documents is one of {choices}": "missing_documents là một trong {choices}",
    "a campaign file is a mapping of keys (schema, id, year, groups, appraisers, deadlines)":
        "tệp đợt chấm điểm là một ánh xạ các khóa (schema, id, year, groups, appraisers, deadlines)",
    "unknown key {key!r}; a group has {keys}": "khóa không hợp lệ {key!r}; một nhóm có {keys}",
    "a unit is {{code: SYT, name: Sở Y tế}}": "một đơn vị là {{code: SYT, name: Sở Y tế}}",
    "unknown key {key!r}; an appraiser has {keys}": "khóa không hợp lệ {key!r}; một tổ thẩm định có {keys}",
    "covers is a list of field, criterion or leaf ids (every group), or a mapping group -> list":
        "covers là danh sách mã lĩnh vực, tiêu chí hoặc tiêu chí thành phần (cho mọi nhóm), hoặc ánh xạ nhóm -> danh sách",
    "deadlines has no {stage}; give it a local time such as 2025-11-03T17:00":
        "deadlines thiếu {stage}; hãy ghi thời điểm theo giờ Việt Nam, ví dụ 2025-11-03T17:00",
    "an extension must be later than the stage's deadline ({at})": "gia hạn phải muộn hơn hạn của giai đoạn ({at})",
    "unknown key {key!r}; a policy has {keys}": "khóa không hợp lệ {key!r}; policy có {keys}",
    "unknown key {key!r}; a unit has {keys}": "khóa không hợp lệ {key!r}; một đơn vị có {keys}",
    "no group {id}; the groups are {ids}": "không có nhóm {id}; các nhóm là {ids}",
    "covers of a group is a list of ids": "covers của một nhóm là danh sách mã",
    "{id} is not a field, criterion or leaf of {framework}": "{id} không phải lĩnh vực, tiêu chí hay tiêu chí thành phần của {framework}",
    "nearest: {near}": "gần nhất: {near}",
    "use the form parcli wrote: out/forms/{code}.xlsx": "hãy dùng phiếu parcli đã tạo: out/forms/{code}.xlsx",
    "write the appraisers' workbooks again (parcli campaign appraise --round {round}) and use "
    "out/{folder}/{code}.xlsx":
        "hãy tạo lại bảng thẩm định (parcli campaign appraise --round {round}) và dùng out/{folder}/{code}.xlsx",
    "write the explanation workbooks again (parcli campaign explain) and use out/explanation/{code}.xlsx":
        "hãy tạo lại bảng giải trình (parcli campaign explain) và dùng out/explanation/{code}.xlsx",
    "this form has no campaign's identity (it was made by parcli template or convert, not for this campaign); send "
    "the unit its own form from out/forms/ (parcli campaign forms) and copy the values into it":
        "phiếu này không mang thông tin của đợt chấm điểm (được tạo bằng parcli template hoặc convert, không phải cho "
        "đợt này); hãy gửi đơn vị phiếu của chính họ trong out/forms/ (parcli campaign forms) và chép số liệu sang",
    "this workbook belongs to the campaign {found!r}, not to {id!r}; receive it in its own campaign's folder":
        "bảng tính này thuộc đợt chấm điểm {found!r}, không phải {id!r}; hãy nhận nó trong thư mục của đợt đó",
    "the workbook says stage {stage!r}, round {round!r}, which is not a stage of its kind; the hidden sheet was "
    "changed: send the workbook parcli wrote in out/ again":
        "bảng tính ghi giai đoạn {stage!r}, vòng {round!r}, không phải giai đoạn của loại bảng này; trang ẩn đã bị sửa: "
        "hãy gửi lại bảng tính parcli đã tạo trong out/",
    "the workbook is for {code!r}, who is not a {who} of this campaign; the stage {stage} expects a workbook of a "
    "{who} named in campaign.yaml":
        "bảng tính dành cho {code!r}, không phải {who} của đợt này; giai đoạn {stage} nhận bảng tính của một {who} có "
        "tên trong campaign.yaml",
    "the workbook's read-only cells or hidden sheet were changed{more}; {again}":
        "các ô chỉ đọc hoặc trang ẩn của bảng tính đã bị sửa{more}; {again}",
    "this store belongs to the campaign {found!r}, but campaign.yaml is {id!r}; put each campaign in its own folder":
        "kho dữ liệu này thuộc đợt {found!r}, nhưng campaign.yaml là {id!r}; mỗi đợt chấm điểm để trong một thư mục riêng",
    "{code}'s {stage} closed at {deadline} (Vietnam time); this file came at {now}. To accept it, extend the "
    "deadline in campaign.yaml: extensions: {{{code}: {{{stage}: {later}}}}}, then receive it again":
        "giai đoạn {stage} của {code} đã đóng lúc {deadline} (giờ Việt Nam); tệp này đến lúc {now}. Muốn nhận, hãy gia "
        "hạn trong campaign.yaml: extensions: {{{code}: {{{stage}: {later}}}}}, rồi nhận lại tệp",
    "{subject} ({header}) is a read-only cell: it was {then!r} and is {now!r}; put it back, or {again}":
        "{subject} ({header}) là ô chỉ đọc: trước là {then!r}, nay là {now!r}; hãy trả lại như cũ, hoặc {again}",
    "the column {header!r} is missing; do not rename or delete the column headers":
        "thiếu cột {header!r}; không đổi tên hay xóa tiêu đề cột",
    "unit {unit}, leaf {leaf} is not in {code}'s share for round {round} (campaign.yaml gives each appraiser their "
    "fields): remove the row, or use the workbook parcli wrote":
        "đơn vị {unit}, tiêu chí {leaf} không thuộc phần của {code} ở vòng {round} (campaign.yaml giao lĩnh vực cho "
        "từng tổ): hãy xóa dòng đó, hoặc dùng bảng tính parcli đã tạo",
    "no documents (policy: missing_documents: zero)": "không có tài liệu kiểm chứng (policy: missing_documents: zero)",
    "leaf {leaf}: no explanation of it was requested from {code}; remove the row, or use the workbook parcli wrote":
        "tiêu chí {leaf}: {code} không được yêu cầu giải trình tiêu chí này; hãy xóa dòng đó, hoặc dùng bảng tính "
        "parcli đã tạo",
    "not a campaign store, or a damaged one ({why}); restore it from a backup, or run parcli campaign check":
        "không phải kho dữ liệu đợt chấm điểm, hoặc kho đã hỏng ({why}); hãy khôi phục từ bản sao lưu, hoặc chạy "
        "parcli campaign check",
    "group {group} was not in the campaign when it started; a campaign's groups are fixed at init: start a new "
    "campaign for it":
        "nhóm {group} không có khi bắt đầu đợt chấm điểm; các nhóm được cố định khi init: hãy tạo đợt mới cho nhóm này",
    "{subject} ({header}) was {then!r} when this workbook was written and is {now!r} now: the store changed since; "
    "{again}":
        "{subject} ({header}) là {then!r} khi tạo bảng tính này, nay là {now!r}: dữ liệu đã thay đổi từ đó; {again}",
    "{id}: the column {header} is for the appraisers; leave it empty in the self-assessment":
        "{id}: cột {header} dành cho tổ thẩm định; hãy để trống khi tự đánh giá",
    "{id}: {points} points is outside 0 to {max}": "{id}: {points} điểm nằm ngoài khoảng 0 đến {max}",
    "unit {unit}, {id}: {points} points differ from the {claimed} claimed: write the reason in {header}":
        "đơn vị {unit}, {id}: {points} điểm khác với {claimed} điểm tự chấm: hãy ghi lý do ở cột {header}",
    "group {group}: the framework {framework} changed since the campaign started (sha256 {pinned} then, {now} now); "
    "every unit of a campaign is scored on one framework: put the file back as it was (its sha256 {pinned})":
        "nhóm {group}: bộ tiêu chí {framework} đã thay đổi từ khi bắt đầu đợt (sha256 lúc đó {pinned}, nay {now}); mọi "
        "đơn vị trong một đợt được chấm trên cùng một bộ tiêu chí: hãy trả tệp về như cũ (sha256 {pinned})",
    "unit {unit}, {id}: {points} points differ from the {computed} computed (the unit claimed none): write the "
    "reason in {header}":
        "đơn vị {unit}, {id}: {points} điểm khác với {computed} điểm tính được (đơn vị không tự chấm): hãy ghi lý do ở "
        "cột {header}",
    "unit": "đơn vị",
    "appraiser": "tổ thẩm định",
    "{file} exists already: a campaign is never started over another":
        "{file} đã có: không bao giờ tạo đợt chấm điểm đè lên đợt khác",
    "{file} is missing: this folder holds no campaign store (start one with parcli campaign init)":
        "thiếu {file}: thư mục này không có kho dữ liệu đợt chấm điểm (tạo bằng parcli campaign init)",
    "not a campaign store of this parcli (schema version {found}, expected {version}); is it another program's file?":
        "không phải kho dữ liệu đợt chấm điểm của parcli này (phiên bản {found}, cần {version}); có phải tệp của chương "
        "trình khác?",
    "started the campaign in {folder}: edit {file} (units, appraisers, deadlines), then run parcli campaign forms "
    "{folder}":
        "đã tạo đợt chấm điểm trong {folder}: hãy sửa {file} (đơn vị, tổ thẩm định, thời hạn), rồi chạy parcli campaign "
        "forms {folder}",
    "wrote {file} ({count} rows)": "đã ghi {file} ({count} dòng)",
    "no unit was asked to explain anything (Explanation requested: Yes in round 1)":
        "không đơn vị nào được yêu cầu giải trình (Yêu cầu giải trình: Có ở vòng 1)",
    "choose table or json": "chọn table hoặc json",
    "a campaign is there already; parcli never starts a campaign over another (use another folder)":
        "đã có một đợt chấm điểm ở đây; parcli không bao giờ tạo đợt mới đè lên (hãy dùng thư mục khác)",
    "{file}: the same file was received on {at} ({sender}, {stage}); nothing to do":
        "{file}: tệp này đã được nhận lúc {at} ({sender}, {stage}); không cần làm gì",
    "{file}: received from {sender} ({stage}), {rows} rows": "{file}: đã nhận từ {sender} ({stage}), {rows} dòng",
    "results are written as .csv, .xlsx, .json or .html": "kết quả được ghi ra .csv, .xlsx, .json hoặc .html",
    "no unit has the code {code}": "không có đơn vị nào mang mã {code}",
    "{file}: refused:": "{file}: không nhận:",
    "it replaces the file received before ({sha})": "tệp này thay cho tệp đã nhận trước ({sha})",
    "campaign workbook\x04Unit code": "Mã đơn vị",
    "campaign workbook\x04Unit": "Đơn vị",
    "campaign workbook\x04Leaf ID": "Mã tiêu chí",
    "campaign workbook\x04Title": "Nội dung",
    "campaign workbook\x04Max": "Điểm tối đa",
    "campaign workbook\x04Rule": "Cách chấm",
    "campaign workbook\x04Evidence": "Số liệu tự đánh giá",
    "campaign workbook\x04Documents": "Tài liệu kiểm chứng",
    "campaign workbook\x04Note": "Ghi chú",
    "campaign workbook\x04Claimed points": "Điểm tự chấm",
    "campaign workbook\x04Computed points": "Điểm tính được",
    "campaign workbook\x04Round 1 points": "Điểm thẩm định vòng 1",
    "campaign workbook\x04Round 1 reason": "Lý do vòng 1",
    "campaign workbook\x04Appraiser": "Tổ thẩm định",
    "campaign workbook\x04Explanation": "Giải trình",
    "campaign workbook\x04Added documents": "Tài liệu bổ sung",
    "campaign workbook\x04Appraised points": "Điểm thẩm định",
    "campaign workbook\x04Reason": "Lý do",
    "campaign workbook\x04Explanation requested": "Yêu cầu giải trình",
    "not a workbook of a campaign (it has no hidden '{meta}' sheet); send the workbooks parcli campaign writes in out/":
        "không phải bảng tính của đợt chấm điểm (không có trang ẩn '{meta}'); hãy gửi các bảng tính parcli campaign tạo "
        "trong out/",
    "not a workbook of a campaign ('{meta}' sheet without a known schema); send the workbooks parcli campaign writes "
    "in out/":
        "không phải bảng tính của đợt chấm điểm (trang '{meta}' không có schema đã biết); hãy gửi các bảng tính parcli "
        "campaign tạo trong out/",
    "the workbook's sheet {sheet!r} is missing; was it renamed? Give it back its name":
        "thiếu trang tính {sheet!r}; có phải đã đổi tên? Hãy đặt lại tên cũ",
    "no header row with {header!r}; do not rename or delete the column headers":
        "không có dòng tiêu đề có {header!r}; không đổi tên hay xóa tiêu đề cột",
    "{subject}: {value!r} is neither {yes} nor {no}": "{subject}: {value!r} không phải {yes} hay {no}",
    "the units are read from a .csv or .xlsx of code,name[,group]":
        "danh sách đơn vị đọc từ tệp .csv hoặc .xlsx gồm mã,tên[,nhóm]",
    "a unit's row is code, name[, group]": "mỗi dòng đơn vị gồm mã, tên[, nhóm]",
    "code {code} is given twice; every unit and appraiser needs its own code":
        "mã {code} bị khai hai lần; mỗi đơn vị và tổ thẩm định cần một mã riêng",
    "campaign workbook\x04For: {name} ({code})": "Gửi: {name} ({code})",
    "campaign workbook\x04Deadline: {deadline} (Vietnam time). Fill in the shaded columns only.":
        "Hạn gửi lại: {deadline} (giờ Việt Nam). Chỉ điền vào các cột tô màu.",
    "campaign workbook\x04Appraisal": "Thẩm định",
    "campaign workbook\x04Appraisal of the self-assessments, round {round}": "Thẩm định kết quả tự đánh giá, vòng {round}",
    "campaign workbook\x04Explanation to the appraisers": "Giải trình với tổ thẩm định",
    "campaign workbook\x04Appraised points: leave blank to keep the computed points (round 2: the round 1 points); a "
    "reason is required where the points differ from the claim.":
        "Điểm thẩm định: để trống là giữ điểm tính được (vòng 2: điểm vòng 1); phải ghi lý do khi điểm khác điểm tự chấm.",
    "campaign workbook\x04Explain each leaf and list the documents you add, one per line.":
        "Giải trình từng tiêu chí và liệt kê tài liệu bổ sung, mỗi tài liệu một dòng.",
    "campaign stage\x04self-assessment": "tự đánh giá",
    "campaign stage\x04appraisal, round 1": "thẩm định vòng 1",
    "campaign stage\x04explanation": "giải trình",
    "campaign stage\x04appraisal, round 2": "thẩm định vòng 2",
    "deadline\x04overdue": "quá hạn",
    "deadline\x04due (≤ 1 day)": "đến hạn (≤ 1 ngày)",
    "deadline\x04due soon ({days} days left)": "sắp đến hạn (còn {days} ngày)",
    "deadline\x04{days} days left": "còn {days} ngày",
    "deadline\x04every stage closed": "mọi giai đoạn đã đóng",
    "status\x04Code": "Mã",
    "status\x04Unit / appraiser": "Đơn vị / tổ thẩm định",
    "status\x04Stage": "Giai đoạn",
    "status\x04Last file": "Tệp nhận gần nhất",
    "status\x04Deadline": "Thời hạn",
    "status\x04To appraise": "Còn phải thẩm định",
    "status\x04Explanations (answered/asked)": "Giải trình (đã trả lời/yêu cầu)",
    "log\x04When": "Thời điểm",
    "log\x04Who": "Người thực hiện",
    "log\x04What": "Việc",
    "log\x04Unit": "Đơn vị",
    "log\x04File (sha256)": "Tệp (sha256)",
    "log\x04Detail": "Chi tiết",
    "log action\x04started the campaign": "bắt đầu đợt chấm điểm",
    "log action\x04wrote the forms": "tạo phiếu tự đánh giá",
    "log action\x04received": "nhận",
    "log action\x04appraised": "thẩm định",
    "log action\x04refused": "không nhận",
    "log action\x04wrote the appraisal workbooks": "tạo bảng thẩm định",
    "log action\x04wrote the explanation workbooks": "tạo bảng giải trình",
    "log action\x04checked": "kiểm tra",
}
