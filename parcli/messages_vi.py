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
    # --- issue-docx ---
    # the papers of a campaign (parcli/report/docx.py): minutes, the council's report, the publication table
    "(signature, full name)": "(Ký, ghi rõ họ tên)",
    "1. Results": "1. Kết quả chấm điểm",
    "2. Leaves whose points differ from the self-assessment": "2. Các tiêu chí có điểm thẩm định khác điểm tự đánh giá",
    "Appraisal of the self-assessment and scoring of the PAR index {year}":
        "Thẩm định kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm {year}",
    "Bonus points": "Điểm thưởng",
    "Final appraised points": "Điểm thẩm định cuối cùng",
    "For the appraisers": "Đại diện tổ thẩm định",
    "For the unit": "Đại diện đơn vị",
    "Minutes": "Biên bản",
    "No. {number}": "Số: {number}",
    "Penalty points": "Điểm trừ",
    "Points after appraisal round 1": "Điểm thẩm định vòng 1",
    "Report": "Báo cáo",
    "Results of the PAR index {year}": "Kết quả Chỉ số cải cách hành chính năm {year}",
    "Results of the appraisal of the PAR index {year}": "Tổng hợp kết quả thẩm định Chỉ số CCHC năm {year}",
    "Self-assessed points": "Điểm tự đánh giá",
    "The appraisal kept every self-assessed point.": "Không có tiêu chí nào được điều chỉnh so với kết quả tự đánh giá.",
    "The minutes are made in two copies of equal value: one kept by the unit, one by the appraisers.":
        "Biên bản được lập thành 02 bản có giá trị như nhau: đơn vị giữ 01 bản, tổ thẩm định giữ 01 bản.",
    "{label}: {count} units": "{label}: {count} đơn vị",
    "{place}, {day} {month} {year}": "{place}, ngày {day} tháng {month} năm {year}",
    "{units} units. Mean self-assessed points: {self}; mean appraised points: {final}; mean index: {index}%.":
        "Số đơn vị: {units}. Điểm tự đánh giá trung bình: {self} điểm; điểm thẩm định trung bình: {final} điểm, "
        "đạt {index}%.",
    "a text of {length:,} characters is longer than an Excel cell holds ({limit:,}): {start}; shorten it, or use "
    "the .docx table": "một đoạn văn bản dài {length:,} ký tự, vượt sức chứa của một ô Excel ({limit:,}): {start}; "
                       "hãy rút gọn, hoặc dùng bảng .docx",
    "leaf points\x04Points": "Điểm",
    "paper\x04Adjusted leaves": "Số tiêu chí điều chỉnh",
    "paper\x04Applicable max": "Điểm tối đa áp dụng",
    "paper\x04Appraised": "Điểm thẩm định",
    "paper\x04Bonus": "Điểm thưởng",
    "paper\x04Campaign": "Đợt chấm điểm",
    "paper\x04Claim": "Tự chấm",
    "paper\x04Class": "Xếp loại",
    "paper\x04Explanation": "Giải trình của đơn vị",
    "paper\x04Final": "Cuối cùng",
    "paper\x04Group": "Nhóm",
    "paper\x04ID": "Mã",
    "paper\x04Index (%)": "Chỉ số (%)",
    "paper\x04Item": "Nội dung",
    "paper\x04Leaf": "Tiêu chí",
    "paper\x04Max": "Tối đa",
    "paper\x04Penalty": "Điểm trừ",
    "paper\x04Points": "Tổng điểm",
    "paper\x04Rank": "Xếp hạng",
    "paper\x04Reasons": "Lý do điều chỉnh",
    "paper\x04Result": "Kết quả",
    "paper\x04Round 1": "Vòng 1",
    "paper\x04Self-assessed": "Điểm tự đánh giá",
    "paper\x04Unit": "Đơn vị",
    "paper\x04n/a": "Không áp dụng",
    # --- issue-adjust ---
    "adjustments declare neither bonus nor penalty; give bonus: {{max: 5}}, penalty: {{max: 5}} or both, or "
    "remove adjustments": "adjustments không khai báo điểm thưởng (bonus) hay điểm trừ (penalty); hãy ghi "
                          "bonus: {{max: 5}}, penalty: {{max: 5}} hoặc cả hai, hoặc bỏ adjustments",
    "the cap of the index is above 0 and at most 100, got {cap}":
        "mức trần của chỉ số phải lớn hơn 0 và không quá 100, nhưng là {cap}",
    "framework {framework} declares no bonus or penalty points; remove adjustments":
        "bộ tiêu chí {framework} không có điểm thưởng, điểm trừ; hãy bỏ adjustments",
    "adjustments: unknown key {key!r}; framework {framework} declares {names}":
        "adjustments: khóa {key!r} không hợp lệ; bộ tiêu chí {framework} chỉ có {names}",
    "expected {{points: , claimed: , note: , documents: []}}, got {what}":
        "cần {{points: , claimed: , note: , documents: []}}, nhưng là {what}",
    "unknown key {key!r}; an adjustment takes points, claimed, note and documents":
        "khóa {key!r} không hợp lệ; điểm thưởng, điểm trừ chỉ nhận points, claimed, note và documents",
    "adjustments must be a list of objects": "adjustments phải là một danh sách các đối tượng",
    "each adjustment's kind is bonus or penalty, once": "mỗi mục adjustments có kind là bonus hoặc penalty, "
                                                        "mỗi loại một lần",
    "documents must be a list of texts": "documents phải là một danh sách văn bản",
    "the XLSX form does not hold bonus and penalty points yet; keep this unit in YAML":
        "biểu mẫu XLSX chưa có chỗ cho điểm thưởng, điểm trừ; hãy giữ đơn vị này ở dạng YAML",
}
