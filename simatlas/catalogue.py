"""Every user-visible string, in English and Simplified Chinese.

Keys are grouped by where they appear. A test fails if a key lacks either language or if the two
versions use different {placeholders}. Chinese terms follow what people search for: 流量卡, eSIM,
销户, 注销, 续费, 充值, 实名登记.
"""

TEXT: dict[str, dict[str, str]] = {
    # --- app shell ---
    "app.title": {"en": "SIM Atlas", "zh": "SIM Atlas 流量卡地图"},
    "app.tagline": {
        "en": "Mobile data plans compared: what they really cost, how to renew and how to cancel.",
        "zh": "全球流量卡与 eSIM 对比：真实费用、如何续费、如何销户。",
    },
    "nav.plans": {"en": "Plans", "zh": "套餐"},
    "nav.countries": {"en": "Countries", "zh": "国家和地区"},
    "nav.fees": {"en": "Fees", "zh": "费用"},
    "nav.trip": {"en": "Trip planner", "zh": "行程规划"},
    "nav.cancellation": {"en": "Cancellation", "zh": "销户 / 注销"},
    "nav.renewal": {"en": "Renewal & top-up", "zh": "续费 / 充值"},
    "nav.data": {"en": "About the data", "zh": "数据说明"},
    "sidebar.filters": {"en": "Everywhere", "zh": "全局设置"},
    "sidebar.country": {"en": "Places", "zh": "国家或地区"},
    "sidebar.country_help": {
        "en": "Leave empty to see every place.",
        "zh": "留空即显示全部国家和地区。",
    },
    "sidebar.currency": {"en": "Show prices in", "zh": "显示货币"},
    "sidebar.language": {"en": "Language · 语言", "zh": "语言 · Language"},
    "sidebar.page_filters": {"en": "This page", "zh": "本页筛选"},
    "language.en": {"en": "English", "zh": "English"},
    "language.zh": {"en": "简体中文", "zh": "简体中文"},
    # --- values ---
    "value.unknown": {"en": "unknown", "zh": "未知"},
    "value.yes": {"en": "yes", "zh": "是"},
    "value.no": {"en": "no", "zh": "否"},
    "value.unlimited": {"en": "unlimited", "zh": "无限流量"},
    "value.unlimited_cap": {"en": "unlimited ({cap} GB fair use)", "zh": "无限流量（{cap} GB 后限速）"},
    "value.gb": {"en": "{amount} GB", "zh": "{amount} GB"},
    "value.days": {"en": "{days} days", "zh": "{days} 天"},
    "value.any": {"en": "any", "zh": "不限"},
    "confidence.high": {"en": "high", "zh": "高"},
    "confidence.medium": {"en": "medium", "zh": "中"},
    "confidence.low": {"en": "low", "zh": "低"},
    "sim.physical": {"en": "physical SIM", "zh": "实体卡"},
    "sim.esim": {"en": "eSIM", "zh": "eSIM"},
    "billing.prepaid": {"en": "prepaid", "zh": "预付费"},
    "billing.postpaid": {"en": "postpaid", "zh": "后付费（月费）"},
    "kind.mno": {"en": "network operator", "zh": "网络运营商"},
    "kind.mvno": {"en": "virtual operator", "zh": "虚拟运营商"},
    "kind.esim_seller": {"en": "travel-eSIM seller", "zh": "旅行 eSIM 商家"},
    # --- link notices ---
    "notice.title": {
        "en": "Part of this link was ignored; the rest of it still applies:",
        "zh": "此链接的部分参数已忽略，其余参数仍然有效：",
    },
    "notice.unknown_param": {
        "en": "“{name}” is not a setting of this page",
        "zh": "“{name}” 不是本页的设置项",
    },
    "notice.unknown_choice": {
        "en": "{name} = “{value}” is not an option (it may have been removed from the data)",
        "zh": "{name} = “{value}” 不是可选项（可能已从数据中移除）",
    },
    "notice.not_a_number": {
        "en": "{name} = “{value}” is not a number",
        "zh": "{name} = “{value}” 不是数字",
    },
    "notice.out_of_range": {
        "en": "{name} = “{value}” is out of range",
        "zh": "{name} = “{value}” 超出范围",
    },
    "notice.repeated": {
        "en": "{name} appeared more than once; “{value}” was ignored and the last value used",
        "zh": "{name} 出现多次；已忽略 “{value}”，使用最后一个值",
    },
    "notice.too_long": {
        "en": "{name} = “{value}” is too long",
        "zh": "{name} = “{value}” 过长",
    },
    "notice.too_many": {
        "en": "{name}: too many values ({value}); the first ones were kept",
        "zh": "{name}：值过多（{value}），仅保留前面的值",
    },
    # --- data errors ---
    "error.data_title": {
        "en": "The plan data could not be loaded",
        "zh": "无法加载套餐数据",
    },
    "error.data_help": {
        "en": "Fix the file named above and reload the page. "
        "`python -m simatlas validate` lists every problem.",
        "zh": "请修正上面提到的文件后刷新页面。运行 `python -m simatlas validate` 可列出全部问题。",
    },
    "error.page": {
        "en": "Something went wrong while drawing this page. The problem has been logged.",
        "zh": "本页显示时出错，问题已记录。",
    },
    # --- share ---
    "share.title": {"en": "Share this view", "zh": "分享此视图"},
    "share.help": {
        "en": "This link opens exactly this view, filters included. Use the copy button.",
        "zh": "此链接可打开完全相同的视图（包括筛选条件）。点击复制按钮即可复制。",
    },
    "fx.caption": {
        "en": "Prices in {currency} are converted with rates dated {dates} (sources on the "
        "About the data page); the original price is shown too.",
        "zh": "{currency} 价格按 {dates} 的汇率换算（来源见“数据说明”页），同时显示原价。",
    },
    # --- plans page ---
    "plans.title": {"en": "Compare mobile data plans", "zh": "流量卡与 eSIM 套餐对比"},
    "plans.operator": {"en": "Operator or seller", "zh": "运营商或商家"},
    "plans.sim": {"en": "SIM type", "zh": "卡类型"},
    "plans.billing": {"en": "Billing", "zh": "付费方式"},
    "plans.min_gb": {"en": "At least (GB)", "zh": "流量至少（GB）"},
    "plans.min_days": {"en": "Valid at least (days)", "zh": "有效期至少（天）"},
    "plans.max_price": {"en": "Price at most ({currency})", "zh": "价格最多（{currency}）"},
    "plans.max_price_help": {
        "en": "In the display currency. Leave empty for no limit.",
        "zh": "以显示货币计。留空表示不限。",
    },
    "plans.local_number": {"en": "Local phone number", "zh": "含本地电话号码"},
    "plans.hotspot": {"en": "Hotspot allowed", "zh": "可开热点"},
    "plans.five_g": {"en": "5G", "zh": "支持 5G"},
    "plans.yes_only_help": {
        "en": "Shows only plans where a source says yes; unknown is left out.",
        "zh": "仅显示有来源明确支持的套餐；未知的不显示。",
    },
    "plans.sort": {"en": "Sort by", "zh": "排序"},
    "sort.price": {"en": "price, cheapest first", "zh": "价格从低到高"},
    "sort.price_per_gb": {"en": "price per GB, cheapest first", "zh": "每 GB 单价从低到高"},
    "sort.price_per_day": {"en": "price per day, cheapest first", "zh": "每日价格从低到高"},
    "sort.data": {"en": "data, most first", "zh": "流量从多到少"},
    "sort.validity": {"en": "validity, longest first", "zh": "有效期从长到短"},
    "describe.plans": {
        "en": "{count} {kinds} in {places}{conditions}, {sort}.",
        "zh": "{places}{conditions}的{kinds}共 {count} 个，按{sort}。",
    },
    "describe.plan_one": {"en": "plan", "zh": "套餐"},
    "describe.plan_many": {"en": "plans", "zh": "套餐"},
    "describe.all_places": {"en": "all places", "zh": "所有国家和地区"},
    "describe.under": {"en": " under {price}", "zh": "、价格不超过 {price} "},
    "describe.min_gb": {"en": " with at least {gb} GB", "zh": "、至少 {gb} GB "},
    "describe.min_days": {"en": " valid {days}+ days", "zh": "、有效期至少 {days} 天 "},
    "describe.with": {"en": " with {features}", "zh": "、含{features} "},
    "describe.operators": {"en": " from {operators}", "zh": "、来自 {operators} "},
    "describe.and": {"en": " and ", "zh": "和"},
    "plans.empty": {
        "en": "No plan matches these filters.",
        "zh": "没有符合这些条件的套餐。",
    },
    "plans.empty_hint": {
        "en": "To see more: {hints}.",
        "zh": "放宽条件试试：{hints}。",
    },
    "hint.country": {"en": "add more places", "zh": "增加国家或地区"},
    "hint.operator": {"en": "clear the operator filter", "zh": "清除运营商筛选"},
    "hint.sim": {"en": "allow any SIM type", "zh": "不限卡类型"},
    "hint.billing": {"en": "allow any billing", "zh": "不限付费方式"},
    "hint.min_gb": {"en": "lower the minimum data", "zh": "降低最低流量"},
    "hint.min_days": {"en": "lower the minimum validity", "zh": "降低最短有效期"},
    "hint.max_price": {"en": "raise or clear the maximum price", "zh": "提高或清除最高价格"},
    "hint.flags": {"en": "untick local number / hotspot / 5G", "zh": "取消勾选本地号码 / 热点 / 5G"},
    "plans.table_caption": {
        "en": "Showing {shown} of {total} plans; the download has all of them.",
        "zh": "显示 {total} 个套餐中的 {shown} 个；下载文件包含全部。",
    },
    "plans.download": {"en": "Download these {count} plans (CSV)", "zh": "下载这 {count} 个套餐（CSV）"},
    "col.operator": {"en": "Operator", "zh": "运营商"},
    "col.plan": {"en": "Plan", "zh": "套餐"},
    "col.places": {"en": "Where", "zh": "适用地区"},
    "col.sim": {"en": "Type", "zh": "类型"},
    "col.billing": {"en": "Billing", "zh": "付费"},
    "col.data": {"en": "Data", "zh": "流量"},
    "col.validity": {"en": "Days", "zh": "天数"},
    "col.price": {"en": "Price", "zh": "原价"},
    "col.price_display": {"en": "Price ({currency})", "zh": "价格（{currency}）"},
    "col.per_gb": {"en": "Per GB ({currency})", "zh": "每 GB（{currency}）"},
    "col.per_day": {"en": "Per day ({currency})", "zh": "每天（{currency}）"},
    "col.source": {"en": "Source", "zh": "来源"},
    "col.seen_on": {"en": "Seen on", "zh": "记录日期"},
    "col.confidence": {"en": "Confidence", "zh": "可信度"},
    "chart.price_vs_data": {"en": "Price against data", "zh": "价格与流量"},
    "chart.price_vs_data_note": {
        "en": "The first {shown} plans in the current order; unlimited plans are drawn at their "
        "fair-use cap where known.",
        "zh": "按当前排序的前 {shown} 个套餐；无限流量套餐按限速门槛绘制（如已知）。",
    },
    "chart.price_per_gb_by_country": {"en": "Price per GB by place", "zh": "各地每 GB 价格"},
    "chart.axis_data": {"en": "Data (GB)", "zh": "流量（GB）"},
    "chart.axis_price": {"en": "Price ({currency})", "zh": "价格（{currency}）"},
    "chart.axis_per_gb": {"en": "Price per GB ({currency})", "zh": "每 GB 价格（{currency}）"},
    "chart.axis_place": {"en": "Place", "zh": "国家或地区"},
    "chart.median": {"en": "median", "zh": "中位数"},
    "chart.cheapest": {"en": "cheapest", "zh": "最低"},
    "chart.measure": {"en": "Measure", "zh": "指标"},
    "chart.plans": {"en": "Plans", "zh": "套餐数"},
    "chart.no_data": {
        "en": "No plan here has both a price and a data amount to chart.",
        "zh": "这里没有同时具备价格和流量数据的套餐可供绘图。",
    },
}
