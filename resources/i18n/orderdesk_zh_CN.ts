<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddChannelDialog</name>
    <message>
        <source>Connect a shop</source>
        <translation>连接店铺</translation>
    </message>
    <message>
        <source>e.g. tmall-flagship</source>
        <translation>例如 tmall-flagship</translation>
    </message>
    <message>
        <source>Leave empty for the platform's own gateway</source>
        <translation>留空则使用平台官方网关</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>App key</source>
        <translation>App Key</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>App Secret</translation>
    </message>
    <message>
        <source>Seller token (session / access_token)</source>
        <translation>卖家授权令牌（session / access_token）</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>网关地址</translation>
    </message>
    <message>
        <source>First sync looks back to</source>
        <translation>首次同步回溯到</translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <source>Nothing to show</source>
        <translation>没有需要处理的项目</translation>
    </message>
    <message>
        <source>Double-click an order to open it.</source>
        <translation>双击订单即可打开。</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Object (e.g. order number)</source>
        <translation>对象（如订单号）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Object type</source>
        <translation>对象类型</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>共 %n 条</numerusform></translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries</source>
        <translation><numerusform>已导出 %n 条</numerusform></translation>
    </message>
</context>
<context>
    <name>ChannelsView</name>
    <message>
        <source>Connect a shop…</source>
        <translation>连接店铺…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Orders are pulled from every shop in the background, every few seconds.</source>
        <translation>后台每隔几秒从各店铺拉取订单。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>最近成功</translation>
    </message>
    <message>
        <source>Orders pulled</source>
        <translation>已拉取订单</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>下次同步</translation>
    </message>
    <message>
        <source>Failed runs</source>
        <translation>连续失败次数</translation>
    </message>
    <message>
        <source>Bad orders</source>
        <translation>问题订单</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Platform order no.</source>
        <translation>平台订单号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Bad orders of the chosen channel (kept out until a good copy arrives)</source>
        <translation>所选渠道的问题订单（收到正确的数据后自动入库）</translation>
    </message>
    <message>
        <source>No shop is connected yet.</source>
        <translation>还没有连接任何店铺。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>ALERT: failing since %1</source>
        <translation>告警：自 %1 起同步失败</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Waiting for the first run</source>
        <translation>等待首次同步</translation>
    </message>
    <message>
        <source>(no order number)</source>
        <translation>（无订单号）</translation>
    </message>
    <message>
        <source>Shop %1 connected; its orders arrive with the next run.</source>
        <translation>店铺 %1 已连接，下次同步即拉取订单。</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>%1: the test call failed: %2</source>
        <translation>%1：测试调用失败：%2</translation>
    </message>
    <message>
        <source>%1: the credentials work.</source>
        <translation>%1：凭证有效。</translation>
    </message>
</context>
<context>
    <name>ConditionEditor</name>
    <message>
        <source>e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 &gt;= 99</source>
        <translation>例如：收货省 in ["江苏", "浙江", "上海"] and 订单金额 &gt;= 99</translation>
    </message>
    <message>
        <source>Insert a field…</source>
        <translation>插入字段…</translation>
    </message>
    <message>
        <source>Examples: %1</source>
        <translation>示例：%1</translation>
    </message>
    <message>
        <source>Insert a function…</source>
        <translation>插入函数…</translation>
    </message>
    <message>
        <source>Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.</source>
        <translation>请填写条件，例如 收货省 in ["江苏", "浙江"]；字段可从下方列表插入。</translation>
    </message>
    <message>
        <source>✓ The condition is correct.</source>
        <translation>✓ 条件正确。</translation>
    </message>
    <message>
        <source>Click to put the cursor where the error is.</source>
        <translation>点击把光标移到出错的位置。</translation>
    </message>
</context>
<context>
    <name>ConfirmMomentControl</name>
    <message>
        <source>When packed</source>
        <translation>打包后立即</translation>
    </message>
    <message>
        <source>At courier handover</source>
        <translation>快递交接时</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Needs the right to manage warehouses</source>
        <translation>需要管理仓库的权限</translation>
    </message>
    <message>
        <source>Confirm shipment to the platforms</source>
        <translation>平台发货确认时机</translation>
    </message>
    <message>
        <source>%1 now confirms shipments to the platforms: %2</source>
        <translation>%1：平台发货确认改为「%2」</translation>
    </message>
    <message numerus="yes">
        <source>; %n packed parcel(s) queued</source>
        <translation><numerusform>；已将 %n 个已打包的包裹加入发货确认队列</numerusform></translation>
    </message>
</context>
<context>
    <name>CourierCodesDialog</name>
    <message>
        <source>Courier codes per platform</source>
        <translation>各平台快递公司编码</translation>
    </message>
    <message>
        <source>Load the platform's courier list</source>
        <translation>载入平台快递公司列表</translation>
    </message>
    <message>
        <source>Our courier</source>
        <translation>本系统快递公司</translation>
    </message>
    <message>
        <source>Platform code</source>
        <translation>平台编码</translation>
    </message>
    <message>
        <source>Platform name</source>
        <translation>平台名称</translation>
    </message>
    <message>
        <source>The platform's code for the chosen courier</source>
        <translation>所选快递公司在平台上的编码</translation>
    </message>
    <message>
        <source>Save code</source>
        <translation>保存编码</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>This platform's courier list is not loaded yet: load it to check codes.</source>
        <translation>尚未载入该平台的快递公司列表：载入后可校验编码。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 courier companies loaded.</source>
        <translation>已载入 %1 家快递公司。</translation>
    </message>
    <message>
        <source>Choose a courier first.</source>
        <translation>请先选择快递公司。</translation>
    </message>
    <message>
        <source>Saved: %1 → %2</source>
        <translation>已保存：%1 → %2</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>OrderDesk: unexpected error</source>
        <translation>OrderDesk：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that OrderDesk did not expect. Scans and orders already saved are safe. Copy the report below and send it to your administrator.</source>
        <translation>OrderDesk 遇到了意外错误。已保存的扫描和订单不受影响。请复制下面的报告并发给管理员。</translation>
    </message>
    <message>
        <source>The report was also written to %1</source>
        <translation>报告已同时写入 %1</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Paid, not packed after %1 h</source>
        <translation>已支付超过 %1 小时未打包</translation>
    </message>
    <message>
        <source>Past ship-by</source>
        <translation>已超过发货时限</translation>
    </message>
    <message>
        <source>Near ship-by</source>
        <translation>即将超过发货时限</translation>
    </message>
    <message>
        <source>Channel sync failing</source>
        <translation>渠道同步失败</translation>
    </message>
    <message>
        <source>Ship-confirm refused</source>
        <translation>平台拒绝发货确认</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Problem or stalled parcels</source>
        <translation>问题件或停滞包裹</translation>
    </message>
    <message>
        <source>Intercepts not pulled back</source>
        <translation>已拦截未取回的包裹</translation>
    </message>
    <message>
        <source>Unknown returned parcels</source>
        <translation>无法识别的退回包裹</translation>
    </message>
    <message>
        <source>To ship today</source>
        <translation>今日待发货</translation>
    </message>
    <message>
        <source>By warehouse</source>
        <translation>按仓库</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Orders per hour: today against the same weekday last week</source>
        <translation>每小时订单数：今天与上周同日对比</translation>
    </message>
    <message>
        <source>Parcels packed per station and hour</source>
        <translation>各工位每小时打包数</translation>
    </message>
    <message>
        <source>Not allocated</source>
        <translation>未分仓</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <source>Phone, last 4 digits + name, order no., waybill, nickname or name</source>
        <translation>手机号、后四位+姓名、订单号、运单号、昵称或姓名</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Channel / shop</source>
        <translation>渠道 / 店铺</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Type what the buyer reads out; results appear as you type.</source>
        <translation>输入买家报出的信息，边输入边查询。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Copy for the buyer</source>
        <translation>复制给买家</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <source>Refund request…</source>
        <translation>登记退款（拦截）…</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <source>Release and allocate</source>
        <translation>放行并分仓</translation>
    </message>
    <message>
        <source>Re-send to allocation</source>
        <translation>重新分仓</translation>
    </message>
    <message>
        <source>Show full phone and address</source>
        <translation>显示完整电话和地址</translation>
    </message>
    <message>
        <source> (newest shown)</source>
        <translation>（仅显示最新的）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) found</source>
        <translation><numerusform>找到 %n 单</numerusform></translation>
    </message>
    <message>
        <source>Customer %1: %2 %3 · %4 orders · spent ¥%5 · refunds %6 · channels: %7 · first %8, last %9 · tags: %10</source>
        <translation>客户档案 %1：%2 %3 · %4 单 · 累计消费 ¥%5 · 退款 %6 单 · 渠道：%7 · 首单 %8，最近 %9 · 标签：%10</translation>
    </message>
    <message>
        <source>Copied the message for the buyer</source>
        <translation>已复制给买家的消息</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Note for the timeline:</source>
        <translation>备注（记入时间线）：</translation>
    </message>
    <message>
        <source>note added</source>
        <translation>备注已添加</translation>
    </message>
    <message>
        <source>Refund request</source>
        <translation>登记退款</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 买家申请仅退款:</source>
        <translation>原因（必填），如：买家申请仅退款：</translation>
    </message>
    <message>
        <source>refund request registered</source>
        <translation>已登记退款</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Why hold this order?</source>
        <translation>挂起原因：</translation>
    </message>
    <message>
        <source>put on hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>sent to allocation</source>
        <translation>已重新分仓</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Backing up the database, then upgrading it to this version of OrderDesk…
Do not switch this PC off.</source>
        <translation>正在备份数据库，然后升级到本版本 OrderDesk…
请勿关闭电脑。</translation>
    </message>
</context>
<context>
    <name>FileMappingPanel</name>
    <message>
        <source>Format:</source>
        <translation>文件格式：</translation>
    </message>
    <message>
        <source>(choose the format)</source>
        <translation>（请选择格式）</translation>
    </message>
    <message>
        <source>Header on row %1 · %2 data rows</source>
        <translation>表头在第 %1 行 · %2 行数据</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Choose the format of this file.</source>
        <translation>请选择这个文件的格式。</translation>
    </message>
    <message>
        <source>Missing required columns: %1. Choose the column of the file that holds each.</source>
        <translation>缺少必需的列：%1。请为每项选择文件中对应的列。</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Choose the export files</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <source>Order exports downloaded from the seller back-ends (.xlsx or .csv); you may also drop files here. The platform is recognised from the header row.</source>
        <translation>从各平台商家后台下载的订单导出文件（.xlsx 或 .csv），也可以直接拖到这里。平台按表头自动识别。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Recognised as</source>
        <translation>识别为</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>数据行数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Detect from the files (the platform's import shop)</source>
        <translation>按文件自动识别（各平台的文件导入店铺）</translation>
    </message>
    <message>
        <source>Orders belong to:</source>
        <translation>订单归属店铺：</translation>
    </message>
    <message>
        <source>Order export files</source>
        <translation>订单导出文件</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.xlsx)</source>
        <translation>订单导出文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Remove the files that cannot be read to go on.</source>
        <translation>请先移除无法读取的文件再继续。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Header not recognised: choose the format on the next page.</source>
        <translation>表头未能识别：请在下一步选择文件格式。</translation>
    </message>
    <message>
        <source>Some required columns were not found: map them on the next page.</source>
        <translation>缺少必需的列：请在下一步手动对应。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可以导入</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>OrderDesk — create the administrator</source>
        <translation>OrderDesk —— 创建管理员</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator, who then adds everyone else.</source>
        <translation>数据库中还没有用户。请先创建管理员，再由管理员添加其他人员。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>OrderDesk — first start on this PC</source>
        <translation>OrderDesk — 本机首次启动</translation>
    </message>
    <message>
        <source>Where are the orders kept? Choose once; an administrator can change it later.</source>
        <translation>订单数据保存在哪里？只需选择一次，之后管理员可以更改。</translation>
    </message>
    <message>
        <source>This PC alone (a database file in the user data folder)</source>
        <translation>仅本机使用（数据库文件保存在用户数据文件夹）</translation>
    </message>
    <message>
        <source>A shared server (PostgreSQL) for several PCs</source>
        <translation>多台电脑共用一台服务器（PostgreSQL）</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>This station's name</source>
        <translation>本工位名称</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <source>Start handover</source>
        <translation>开始交接</translation>
    </message>
    <message>
        <source>Close manifest</source>
        <translation>关闭交接单</translation>
    </message>
    <message>
        <source>Print manifest</source>
        <translation>打印交接单</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Scan each parcel's waybill (or order number)</source>
        <translation>扫描每个包裹的运单号（或订单号）</translation>
    </message>
    <message>
        <source>Choose the courier and the warehouse, then start the handover</source>
        <translation>请选择快递公司和仓库，然后开始交接</translation>
    </message>
    <message>
        <source>Manifest %1</source>
        <translation>交接单 %1</translation>
    </message>
    <message>
        <source>No manifest open</source>
        <translation>没有打开的交接单</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) handed over</source>
        <translation><numerusform>已交接 %n 件</numerusform></translation>
    </message>
    <message>
        <source>Choose the courier and the warehouse first</source>
        <translation>请先选择快递公司和仓库</translation>
    </message>
    <message>
        <source>Manifest %1 continued: scan the parcels</source>
        <translation>继续交接单 %1：请扫描包裹</translation>
    </message>
    <message>
        <source>Manifest %1 open: scan the parcels</source>
        <translation>交接单 %1 已开始：请扫描包裹</translation>
    </message>
    <message>
        <source>Printing manifest %1…</source>
        <translation>正在打印交接单 %1…</translation>
    </message>
    <message>
        <source>Manifest %1 printed on %2</source>
        <translation>交接单 %1 已在 %2 打印</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>本次扫描未记录，请重扫：%1</translation>
    </message>
    <message numerus="yes">
        <source>Manifest %1 closed: %n parcel(s)</source>
        <translation><numerusform>交接单 %1 已关闭：共 %n 件</numerusform></translation>
    </message>
</context>
<context>
    <name>HeldView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Orders the rules could not allocate, or held for a person to check.</source>
        <translation>规则无法分仓、或要求人工审核而挂起的订单。</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Hold reason</source>
        <translation>挂起原因</translation>
    </message>
    <message>
        <source>Allocate by hand</source>
        <translation>人工分仓</translation>
    </message>
    <message>
        <source>Choose a warehouse…</source>
        <translation>选择仓库…</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 客户要求从苏州仓发</source>
        <translation>原因（必填），如：客户要求从苏州仓发</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Read only: your role may not allocate orders.</source>
        <translation>只读：你的角色不能分仓。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message numerus="yes">
        <source>%n held order(s)</source>
        <translation><numerusform>挂起 %n 单</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The first %n held order(s)</source>
        <translation><numerusform>前 %n 单挂起订单</numerusform></translation>
    </message>
    <message>
        <source>Could not load the held orders: %1</source>
        <translation>挂起订单加载失败：%1</translation>
    </message>
    <message>
        <source>Select a held order to allocate it by hand.</source>
        <translation>选择一个挂起的订单进行人工分仓。</translation>
    </message>
    <message>
        <source>Order %1 — %2</source>
        <translation>订单 %1 —— %2</translation>
    </message>
    <message>
        <source>Choose the warehouse that ships this order.</source>
        <translation>请选择发货仓库。</translation>
    </message>
    <message>
        <source>Say why this order is allocated by hand; the reason goes into the log.</source>
        <translation>请填写人工分仓的原因，原因会记入日志。</translation>
    </message>
    <message>
        <source>Order %1 allocated to %2 by hand.</source>
        <translation>订单 %1 已人工分到 %2。</translation>
    </message>
    <message>
        <source>Allocating…</source>
        <translation>分仓中…</translation>
    </message>
</context>
<context>
    <name>HourlyChart</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Same weekday last week</source>
        <translation>上周同日</translation>
    </message>
</context>
<context>
    <name>ImportReportView</name>
    <message>
        <source>New orders</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation>挂起待审核</translation>
    </message>
    <message>
        <source>Unpaid, skipped</source>
        <translation>未付款（跳过）</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>未导入的行</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>The new orders were imported but not allocated: %1</source>
        <translation>新订单已导入，但未能分仓：%1</translation>
    </message>
    <message>
        <source>Rows not imported (%1)</source>
        <translation>未导入的行（%1）</translation>
    </message>
    <message>
        <source>Held for review (%1)</source>
        <translation>挂起待审核（%1）</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import order files</source>
        <translation>导入订单文件</translation>
    </message>
</context>
<context>
    <name>LabelPrinter</name>
    <message>
        <source>Printing the label of %1…</source>
        <translation>正在打印 %1 的面单…</translation>
    </message>
    <message>
        <source>Label of %1 sent to %2</source>
        <translation>%1 的面单已发送到 %2</translation>
    </message>
    <message>
        <source>✓ Label of %1 printed on %2</source>
        <translation>✓ %1 的面单已打印（%2）</translation>
    </message>
    <message>
        <source>Label NOT printed, reprint it on the labels page (%1): %2</source>
        <translation>面单未打印，请在面单打印页重打（%1）：%2</translation>
    </message>
</context>
<context>
    <name>LabelTemplateDialog</name>
    <message>
        <source>Label templates</source>
        <translation>面单模板</translation>
    </message>
    <message>
        <source>Any courier</source>
        <translation>任意快递</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>任意渠道</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>Item summary</source>
        <translation>内件摘要</translation>
    </message>
    <message>
        <source>Gift lines</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Order number barcode</source>
        <translation>订单号条码</translation>
    </message>
    <message>
        <source>Channel and shop</source>
        <translation>渠道和店铺</translation>
    </message>
    <message>
        <source>Print time</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>面单尺寸</translation>
    </message>
    <message>
        <source>Waybill, courier and receiver always print; the rest is up to you.</source>
        <translation>运单号、快递公司和收件人总会打印，其余按需选择。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>LabelsView</name>
    <message>
        <source>Order numbers, one per line (scan or paste)</source>
        <translation>订单号，每行一个（扫码或粘贴）</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Add orders waiting for a label</source>
        <translation>加入待打面单的订单</translation>
    </message>
    <message>
        <source>Shipping labels</source>
        <translation>快递面单</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>发货清单</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>As the template says</source>
        <translation>按面单模板</translation>
    </message>
    <message>
        <source>Use as this station's printer</source>
        <translation>设为本工位打印机</translation>
    </message>
    <message>
        <source>Label templates…</source>
        <translation>面单模板…</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>面单尺寸</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>No printer is installed on this computer; labels can still be previewed.</source>
        <translation>本机没有安装打印机，仍可预览面单。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for a label</source>
        <translation><numerusform>%n 单待打面单</numerusform></translation>
    </message>
    <message>
        <source>Enter or scan at least one order number.</source>
        <translation>请至少输入或扫描一个订单号。</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在生成…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) ready</source>
        <translation><numerusform>已生成 %n 页</numerusform></translation>
    </message>
    <message>
        <source>Choose a printer first.</source>
        <translation>请先选择打印机。</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>正在用 %1 打印…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer</source>
        <translation><numerusform>已发送 %n 页到打印机</numerusform></translation>
    </message>
    <message>
        <source>%1 is now this station's printer.</source>
        <translation>%1 已设为本工位打印机。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>OrderDesk — log in</source>
        <translation>OrderDesk —— 登录</translation>
    </message>
    <message>
        <source>Station locked by %1. Log in to continue, or switch user.</source>
        <translation>工位已由 %1 锁定。登录以继续，或切换用户。</translation>
    </message>
    <message>
        <source>Log in with your user name and password, or scan your badge.</source>
        <translation>请输入用户名和密码登录，或扫描工牌。</translation>
    </message>
    <message>
        <source>User or badge</source>
        <translation>用户名或工牌</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Type your user name or scan your badge.</source>
        <translation>请输入用户名或扫描工牌。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OrderDesk — order hub</source>
        <translation>OrderDesk 订单中台</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Shop connections and their sync state.</source>
        <translation>店铺连接及其同步状态。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Allocation rules</source>
        <translation>分仓规则</translation>
    </message>
    <message>
        <source>Held orders</source>
        <translation>异常订单</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>分仓</translation>
    </message>
    <message>
        <source>Rules that send each order to a warehouse, and the exception queue.</source>
        <translation>按规则把每个订单分配到仓库，以及异常订单队列。</translation>
    </message>
    <message>
        <source>Pick &amp; pack</source>
        <translation>拣货打包</translation>
    </message>
    <message>
        <source>The packing station: scan the order, every item and the waybill.</source>
        <translation>打包工位：扫描订单、每件商品和面单。</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>面单打印</translation>
    </message>
    <message>
        <source>Shipping labels, packing slips and pick lists on any printer.</source>
        <translation>在任意打印机上打印快递面单、装箱单和拣货单。</translation>
    </message>
    <message>
        <source>Packing station</source>
        <translation>验货打包</translation>
    </message>
    <message>
        <source>Courier handover</source>
        <translation>快递交接</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>产能</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Scan the parcels into the courier's manifest at pick-up, and print it.</source>
        <translation>揽收时把包裹逐件扫入快递交接单，并打印交接单。</translation>
    </message>
    <message>
        <source>Warehouse tasks</source>
        <translation>仓库任务</translation>
    </message>
    <message>
        <source>Parcels to pull back, courier intercepts, returns expected and unknown parcels.</source>
        <translation>待拦截取回的包裹、快递拦截、待退货和无主包裹。</translation>
    </message>
    <message>
        <source>Scan returned parcels back in: each item resellable, damaged or missing.</source>
        <translation>扫描退回的包裹入库：逐件标记可售、破损或缺件。</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服查询</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <source>One search over every channel: a buyer's orders and each order's whole story.</source>
        <translation>一个搜索框查遍所有渠道：买家的全部订单和每单的完整经过。</translation>
    </message>
    <message>
        <source>Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.</source>
        <translation>各仓待处理量、预警、发货准确率和支付到发货时长。</translation>
    </message>
    <message numerus="yes">
        <source>Demo: %n new order(s) paid in the shops</source>
        <translation><numerusform>演示：店铺新付款 %n 单</numerusform></translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新的界面语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>About OrderDesk</source>
        <translation>关于 OrderDesk</translation>
    </message>
    <message>
        <source>OrderDesk %1 — a light order hub for small e-commerce warehouses.</source>
        <translation>OrderDesk %1 —— 面向中小电商仓库的轻量订单中台。</translation>
    </message>
    <message>
        <source>OrderDesk</source>
        <translation>OrderDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Lock station</source>
        <translation>锁定工位(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About OrderDesk</source>
        <translation>关于 OrderDesk(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对列对应</translation>
    </message>
    <message>
        <source>Each field is read from the column chosen here. Red: a required field the file does not name; choose the column that holds it.</source>
        <translation>每个字段从这里选定的列读取。红色：文件中没有找到的必填字段，请选择包含它的列。</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>(not in file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message>
        <source>A time column is required</source>
        <translation>至少需要一个时间列</translation>
    </message>
    <message>
        <source>An item column is required</source>
        <translation>至少需要一个商品列（编码、ID 或名称）</translation>
    </message>
</context>
<context>
    <name>NotPermittedView</name>
    <message>
        <source>Your role (%1) may not use this page. An administrator can grant the permission “%2”.</source>
        <translation>您的角色（%1）无权使用此页面。如需使用，请联系管理员开通「%2」权限。</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Show full phone and address</source>
        <translation>显示完整电话和地址</translation>
    </message>
    <message>
        <source>Select an order to see its lines and timeline</source>
        <translation>选择一个订单，查看商品明细和处理记录</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Paid (¥)</source>
        <translation>实付(元)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Courier's scan</source>
        <translation>快递轨迹</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Parcel tracking</source>
        <translation>物流轨迹</translation>
    </message>
    <message>
        <source>province not recognised</source>
        <translation>省份无法识别</translation>
    </message>
    <message>
        <source>Total ¥%1, freight ¥%2, discount ¥%3</source>
        <translation>合计 ¥%1，运费 ¥%2，优惠 ¥%3</translation>
    </message>
    <message>
        <source>gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>No scan from the courier yet</source>
        <translation>快递公司还没有扫描记录</translation>
    </message>
    <message>
        <source>Withdraw refund…</source>
        <translation>撤销退款…</translation>
    </message>
    <message>
        <source>Refund request…</source>
        <translation>登记退款（拦截）…</translation>
    </message>
    <message>
        <source>On hold: %1</source>
        <translation>挂起：%1</translation>
    </message>
    <message>
        <source>Parcel %1 from %2: %3</source>
        <translation>包裹 %1 由 %2 发出：%3</translation>
    </message>
    <message>
        <source>Not allocated yet</source>
        <translation>尚未分仓</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫</translation>
    </message>
    <message>
        <source>Scan an order number, a waybill or a pick-list slot</source>
        <translation>请扫描订单号、面单或拣货格口</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Buyer note: %1</source>
        <translation>买家留言：%1</translation>
    </message>
    <message>
        <source>[Gift] </source>
        <translation>【赠品】</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>发货截止</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>promised by the platform</source>
        <translation>平台承诺</translation>
    </message>
    <message>
        <source>paid + the channel's default hours</source>
        <translation>付款时间 + 渠道默认时限</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>Order no. or phone</source>
        <translation>订单号或手机号</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Any ship-by</source>
        <translation>全部截止时间</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation><numerusform>%n 小时内到期</numerusform></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Import orders…</source>
        <translation>导入订单文件…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>统计中…</translation>
    </message>
    <message numerus="yes">
        <source>%n new order(s) arrived — press F5 to show them</source>
        <translation><numerusform>新到 %n 单，按 F5 显示</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation><numerusform>共 %n 单</numerusform></translation>
    </message>
    <message>
        <source>Could not load orders</source>
        <translation>订单加载失败</translation>
    </message>
    <message>
        <source>Withdraw refund</source>
        <translation>撤销退款</translation>
    </message>
    <message>
        <source>Refund request</source>
        <translation>登记退款</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 买家申请仅退款:</source>
        <translation>原因（必填），如：买家申请仅退款：</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Ship-confirm outbox (waybills sent to the platforms)</source>
        <translation>发货确认队列（把运单号回传给平台）</translation>
    </message>
    <message>
        <source>Courier codes…</source>
        <translation>快递公司编码…</translation>
    </message>
    <message>
        <source>Parcel intercepted — close alert</source>
        <translation>包裹已拦截 — 关闭提醒</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待打包</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>失败重试</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最久等待</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Platform said</source>
        <translation>平台答复</translation>
    </message>
    <message>
        <source>Tracking alerts: %1</source>
        <translation>物流预警：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>主管放行</translation>
    </message>
    <message>
        <source>Seal order %1 as it is, with items missing.</source>
        <translation>订单 %1 将按现状封箱（缺件）。</translation>
    </message>
    <message>
        <source>No order is open at this station.</source>
        <translation>本工位没有打开的订单。</translation>
    </message>
    <message>
        <source>A warehouse lead scans their badge and gives the reason.</source>
        <translation>请仓库主管扫描工牌并填写原因。</translation>
    </message>
    <message>
        <source>Scan the lead's badge</source>
        <translation>扫描主管工牌</translation>
    </message>
    <message>
        <source>e.g. out of stock, the buyer agreed to receive less</source>
        <translation>例如：缺货，客户同意少发</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>✓ Badge scanned</source>
        <translation>✓ 已扫描工牌</translation>
    </message>
    <message>
        <source>Scan the lead's badge first.</source>
        <translation>请先扫描主管工牌。</translation>
    </message>
    <message>
        <source>Say why the parcel goes out as it is.</source>
        <translation>请填写按现状发出的原因。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Check the figures and the rows that cannot be imported, then press Import.</source>
        <translation>尚未写入任何数据。请核对数字和不能导入的行，然后点击“导入”。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading the files and comparing them with the orders already in OrderDesk…</source>
        <translation>正在读取文件并与系统中已有的订单比对…</translation>
    </message>
    <message>
        <source>There is no order to import in these files.</source>
        <translation>这些文件中没有可导入的订单。</translation>
    </message>
    <message>
        <source>Every order in these files is already in OrderDesk as it is here: importing changes nothing.</source>
        <translation>这些文件中的订单都已在系统中且内容相同：导入不会有任何改变。</translation>
    </message>
    <message>
        <source>Orders held for review are imported too and wait in the held queue for a person.</source>
        <translation>待审核的订单也会导入，并进入挂起队列等待人工处理。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>ReallocateButton</name>
    <message>
        <source>Re-allocate un-packed orders…</source>
        <translation>按现行规则重新分仓…</translation>
    </message>
    <message>
        <source>After a rule change: preview where paid, held and allocated orders would go, then move them in one action.</source>
        <translation>规则修改后：先预览已支付、挂起和已分仓（未打包）的订单将去哪个仓，再一键调整。</translation>
    </message>
    <message>
        <source>%1 un-packed orders; %2 would change warehouse.</source>
        <translation>未打包订单 %1 单，其中 %2 单将改变仓库。</translation>
    </message>
    <message>
        <source>Re-allocate</source>
        <translation>重新分仓</translation>
    </message>
    <message>
        <source>Move them now?</source>
        <translation>现在调整吗？</translation>
    </message>
    <message>
        <source>Re-allocated: %1 allocated, %2 held</source>
        <translation>重新分仓完成：分仓 %1 单，挂起 %2 单</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>What was written; the orders list shows the new orders.</source>
        <translation>已写入的内容；新订单已显示在订单列表中。</translation>
    </message>
    <message>
        <source>The orders are in OrderDesk. %1 new, %2 updated.</source>
        <translation>订单已导入：新增 %1 单，更新 %2 单。</translation>
    </message>
    <message>
        <source>Allocated to warehouses by the rules: %1.</source>
        <translation>按规则分仓 %1 单。</translation>
    </message>
    <message>
        <source>Held by the rules: %1.</source>
        <translation>规则挂起 %1 单。</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>Scan the returned parcel (waybill or order), then each item</source>
        <translation>扫描退货包裹（运单号或订单号），再逐件扫描商品</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>F2 Resellable</source>
        <translation>F2 可售</translation>
    </message>
    <message>
        <source>F3 Damaged…</source>
        <translation>F3 破损…</translation>
    </message>
    <message>
        <source>F4 Missing</source>
        <translation>F4 缺件</translation>
    </message>
    <message>
        <source>F6 Unknown parcel</source>
        <translation>F6 未知包裹</translation>
    </message>
    <message>
        <source>F10 Done</source>
        <translation>F10 完成</translation>
    </message>
    <message>
        <source>Esc Cancel</source>
        <translation>Esc 取消</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>Back before</source>
        <translation>此前已退</translation>
    </message>
    <message>
        <source>Resellable</source>
        <translation>可售</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺件</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Match to an order…</source>
        <translation>匹配订单…</translation>
    </message>
    <message>
        <source>This parcel</source>
        <translation>本包裹</translation>
    </message>
    <message>
        <source>Today's check-ins</source>
        <translation>今日入库</translation>
    </message>
    <message>
        <source>Unknown parcels</source>
        <translation>未知包裹</translation>
    </message>
    <message>
        <source>Ready: scan a returned parcel</source>
        <translation>就绪：请扫描退货包裹</translation>
    </message>
    <message>
        <source>What is wrong with it (required):</source>
        <translation>破损情况（必填）：</translation>
    </message>
    <message>
        <source>Next items: resellable</source>
        <translation>接下来的商品：可售</translation>
    </message>
    <message>
        <source>Next items: missing</source>
        <translation>接下来的商品：缺件</translation>
    </message>
    <message>
        <source>Next items: damaged — %1</source>
        <translation>接下来的商品：破损 — %1</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>本次扫描未记录，请重扫：%1</translation>
    </message>
    <message>
        <source> (no refund request)</source>
        <translation>（未申请退款）</translation>
    </message>
    <message>
        <source>Unknown parcels (%1)</source>
        <translation>未知包裹（%1）</translation>
    </message>
    <message>
        <source>Choose an unknown parcel in the list first</source>
        <translation>请先在列表中选择一个未知包裹</translation>
    </message>
    <message>
        <source>Match to an order</source>
        <translation>匹配订单</translation>
    </message>
    <message>
        <source>Order number or waybill of unknown parcel #%1:</source>
        <translation>未知包裹 #%1 的订单号或运单号：</translation>
    </message>
    <message>
        <source>Unknown parcel #%1 checked in against %2: %3</source>
        <translation>未知包裹 #%1 已按订单 %2 入库：%3</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>What the rule is for, e.g. 江浙沪发苏州仓</source>
        <translation>规则的用途，如：江浙沪发苏州仓</translation>
    </message>
    <message>
        <source>Assign warehouse</source>
        <translation>分配仓库</translation>
    </message>
    <message>
        <source>Add gift</source>
        <translation>添加赠品</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>打标签</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>挂起审核</translation>
    </message>
    <message>
        <source>Choose a warehouse…</source>
        <translation>选择仓库…</translation>
    </message>
    <message>
        <source>SKU of the gift, e.g. GIFT-TOWEL</source>
        <translation>赠品 SKU，如 GIFT-TOWEL</translation>
    </message>
    <message>
        <source>e.g. 加急</source>
        <translation>如：加急</translation>
    </message>
    <message>
        <source>Shown on the held order, e.g. 大额订单请核对地址</source>
        <translation>显示在挂起的订单上，如：大额订单请核对地址</translation>
    </message>
    <message>
        <source>Keep the order together (one warehouse, no split)</source>
        <translation>整单同仓（不拆单）</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Gift SKU</source>
        <translation>赠品 SKU</translation>
    </message>
    <message>
        <source>Gift quantity</source>
        <translation>赠品数量</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>第 %1 条规则</translation>
    </message>
    <message>
        <source>No rule selected</source>
        <translation>未选择规则</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1（已停用）</translation>
    </message>
</context>
<context>
    <name>RulePreviewPanel</name>
    <message>
        <source>Dry run: what would these rules do?</source>
        <translation>试运行：这些规则会怎样分仓？</translation>
    </message>
    <message>
        <source> orders</source>
        <translation> 单</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Plan the newest orders with the rules as edited here; nothing is saved.</source>
        <translation>用这里编辑中的规则为最近的订单模拟分仓，不保存任何内容。</translation>
    </message>
    <message>
        <source>The rules changed after this dry run; run it again.</source>
        <translation>试运行之后规则又改动过，请重新试运行。</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Order count</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Example orders</source>
        <translation>示例订单</translation>
    </message>
    <message>
        <source>Try on the newest</source>
        <translation>试运行最近</translation>
    </message>
    <message numerus="yes">
        <source>Trying the rules on up to %n order(s)…</source>
        <translation><numerusform>正在用最近 %n 单试运行…</numerusform></translation>
    </message>
    <message>
        <source>Dry run refused: %1</source>
        <translation>无法试运行：%1</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>挂起</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would change warehouse</source>
        <translation><numerusform>将有 %n 单改变仓库</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n without a warehouse now</source>
        <translation><numerusform>%n 单目前没有仓库</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n split</source>
        <translation><numerusform>拆单 %n</numerusform></translation>
    </message>
    <message>
        <source>gifts %1</source>
        <translation>赠品 %1</translation>
    </message>
    <message>
        <source>no gifts</source>
        <translation>无赠品</translation>
    </message>
    <message numerus="yes">
        <source>%n held</source>
        <translation><numerusform>挂起 %n 单</numerusform></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Tried on %n order(s)</source>
        <translation><numerusform>试运行 %n 单</numerusform></translation>
    </message>
    <message>
        <source>(no warehouse)</source>
        <translation>（无仓库）</translation>
    </message>
    <message numerus="yes">
        <source>%n moved in</source>
        <translation><numerusform>移入 %n 单</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n moved out</source>
        <translation><numerusform>移出 %n 单</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n had no warehouse</source>
        <translation><numerusform>原无仓库 %n 单</numerusform></translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
</context>
<context>
    <name>RuleTable</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled: kept, but not used</source>
        <translation>已停用：保留但不使用</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>The condition is empty.</source>
        <translation>条件为空。</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>分到 %1</translation>
    </message>
    <message>
        <source>(no split)</source>
        <translation>（不拆单）</translation>
    </message>
    <message>
        <source>Gift %1 ×%2</source>
        <translation>赠品 %1 ×%2</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>挂起审核</translation>
    </message>
</context>
<context>
    <name>RuleVersionsPanel</name>
    <message>
        <source>Save and versions</source>
        <translation>保存与版本</translation>
    </message>
    <message>
        <source>What changed (optional), e.g. 618 大促</source>
        <translation>修改说明（可选），如：618 大促</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Check every rule and make this set the one in force, as a new version.</source>
        <translation>检查每条规则，并把这套规则保存为新版本、立即生效。</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3</source>
        <translation>第 %1 版 · %2 · %3</translation>
    </message>
    <message>
        <source>(in force)</source>
        <translation>（当前生效）</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation><numerusform>%n 条规则</numerusform></translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>正在检查并保存…</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>已保存为第 %1 版。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Put the rules of version %1 back in force? They are saved as a new version.</source>
        <translation>恢复第 %1 版规则并立即生效？它会保存为一个新版本。</translation>
    </message>
    <message>
        <source>Your unsaved changes are dropped.</source>
        <translation>未保存的修改将丢弃。</translation>
    </message>
    <message>
        <source>Version %1 restored as version %2.</source>
        <translation>第 %1 版已恢复，保存为第 %2 版。</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>Read only: your role may look at the rules and try them, not change them.</source>
        <translation>只读：你的角色可以查看和试运行规则，不能修改。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Read the saved rules again; unsaved changes are dropped.</source>
        <translation>重新读取已保存的规则；未保存的修改将丢弃。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Rules are tried from the top; the first warehouse rule that matches wins.</source>
        <translation>规则从上往下判断；第一条匹配的分仓规则生效。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Drop the unsaved changes and read the saved rules again?</source>
        <translation>放弃未保存的修改，重新读取已保存的规则？</translation>
    </message>
    <message>
        <source>Reload the rules</source>
        <translation>重新载入规则</translation>
    </message>
    <message>
        <source>Could not load the rules: %1</source>
        <translation>规则加载失败：%1</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>There are unsaved changes.</source>
        <translation>有未保存的修改。</translation>
    </message>
</context>
<context>
    <name>StationSetupDialog</name>
    <message>
        <source>Station setup</source>
        <translation>工位设置</translation>
    </message>
    <message>
        <source>A new warehouse's code, e.g. MAIN</source>
        <translation>新仓库的编码，例如 MAIN</translation>
    </message>
    <message>
        <source>This computer's default printer</source>
        <translation>本机默认打印机</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
    <message>
        <source>No: through the printer driver (PDF)</source>
        <translation>否：通过打印机驱动（PDF）</translation>
    </message>
    <message>
        <source>ZPL (Zebra and compatibles)</source>
        <translation>ZPL（斑马及兼容机型）</translation>
    </message>
    <message>
        <source>TSPL (TSC and compatibles)</source>
        <translation>TSPL（TSC 及兼容机型）</translation>
    </message>
    <message>
        <source>Beeps and spoken refusals</source>
        <translation>提示音和语音播报</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工位名称</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>面单打印机</translation>
    </message>
    <message>
        <source>Raw thermal printing</source>
        <translation>热敏机直接打印</translation>
    </message>
    <message>
        <source>Or network printer</source>
        <translation>或网络打印机</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Set once per PC. The station packs only parcels of this warehouse.</source>
        <translation>每台电脑设置一次。本工位只打包该仓库的包裹。</translation>
    </message>
    <message>
        <source>Choose the warehouse this station packs for.</source>
        <translation>请选择本工位所属的仓库。</translation>
    </message>
    <message>
        <source>Give the station a name (other stations see it).</source>
        <translation>请给工位起个名字（其他工位会看到）。</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <source>Scan here (order, waybill, slot, item)</source>
        <translation>在此扫描（订单号、面单、格口、商品）</translation>
    </message>
    <message>
        <source>Station setup…</source>
        <translation>工位设置…</translation>
    </message>
    <message>
        <source>Ctrl+Z undo · Esc put the order back · F9 supervisor override</source>
        <translation>Ctrl+Z 撤销 · Esc 放下订单 · F9 主管放行</translation>
    </message>
    <message>
        <source>Last scans</source>
        <translation>最近扫描</translation>
    </message>
    <message>
        <source>Set this station up first: its warehouse and label printer</source>
        <translation>请先设置本工位：仓库和面单打印机</translation>
    </message>
    <message>
        <source>Ready: scan an order</source>
        <translation>就绪：请扫描订单</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>工位：%1</translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation>仓库：%1</translation>
    </message>
    <message>
        <source>Printer: %1</source>
        <translation>打印机：%1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>Scans waiting: %1</source>
        <translation>待处理扫描：%1</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>本次扫描未记录，请重扫：%1</translation>
    </message>
    <message>
        <source>✓ Packed with waybill %1</source>
        <translation>✓ 已打包（面单 %1）</translation>
    </message>
    <message>
        <source>✓ Packed, label printed</source>
        <translation>✓ 已打包，面单已打印</translation>
    </message>
    <message>
        <source>Packed, but the label did not print</source>
        <translation>已打包，但面单未打印</translation>
    </message>
    <message>
        <source>Station setup saved</source>
        <translation>工位设置已保存</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Pull back from the outgoing pile</source>
        <translation>从待发区取回</translation>
    </message>
    <message>
        <source>Courier confirmed the intercept</source>
        <translation>快递已确认拦截</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Scan does</source>
        <translation>扫码操作</translation>
    </message>
    <message>
        <source>Scan the parcel's waybill (or order number)</source>
        <translation>扫描包裹运单号（或订单号）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Scan parcels to pull back, or those the courier intercepted</source>
        <translation>扫描要取回的包裹，或快递已拦截的包裹</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
</context>
<context>
    <name>ThroughputView</name>
    <message>
        <source>Today: parcels packed / scans refused, per station and hour</source>
        <translation>今日各工位每小时产能：已打包 / 拒绝扫描</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Each cell: parcels packed / scans refused. Refreshed every 30 s.</source>
        <translation>每格：已打包包裹数 / 被拒绝的扫描数。每 30 秒刷新。</translation>
    </message>
    <message>
        <source>Nothing packed today yet.</source>
        <translation>今天还没有打包的包裹。</translation>
    </message>
</context>
<context>
    <name>TourBubble</name>
    <message>
        <source>Skip tour</source>
        <translation>跳过引导</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>WaitingLine</name>
    <message>
        <source>No wave orders waiting</source>
        <translation>波次中没有待打包的订单</translation>
    </message>
    <message>
        <source>Waiting in waves: %1 · next: %2</source>
        <translation>波次待打包：%1 单 · 接下来：%2</translation>
    </message>
</context>
<context>
    <name>WavePickPanel</name>
    <message>
        <source>Choose a wave</source>
        <translation>请选择波次</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>格口</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Preview pick list</source>
        <translation>预览拣货单</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>打印拣货单</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Wave %1</source>
        <translation>波次 %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待打包</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Pick list ready: %1 page(s)</source>
        <translation>拣货单已生成：%1 页</translation>
    </message>
    <message>
        <source>Choose a printer first.</source>
        <translation>请先选择打印机。</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>正在用 %1 打印…</translation>
    </message>
    <message>
        <source>Pick list of %1 sent to the printer</source>
        <translation>波次 %1 的拣货单已发送到打印机</translation>
    </message>
</context>
<context>
    <name>WavesView</name>
    <message>
        <source>Any channel</source>
        <translation>任意渠道</translation>
    </message>
    <message>
        <source>Any courier</source>
        <translation>任意快递</translation>
    </message>
    <message>
        <source>Single-item orders first</source>
        <translation>单件订单优先</translation>
    </message>
    <message>
        <source>Make wave</source>
        <translation>生成波次</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待打包</translation>
    </message>
    <message>
        <source>Open waves (orders still waiting at the pack stations)</source>
        <translation>未完成的波次（仍有订单在打包台等待）</translation>
    </message>
    <message>
        <source>No open waves in this warehouse.</source>
        <translation>本仓库没有未完成的波次。</translation>
    </message>
    <message>
        <source>Choose a warehouse first.</source>
        <translation>请先选择仓库。</translation>
    </message>
    <message>
        <source>Making the wave…</source>
        <translation>正在生成波次…</translation>
    </message>
    <message>
        <source>Wave %1 made: %2 order(s)</source>
        <translation>已生成波次 %1：%2 单</translation>
    </message>
</context>
</TS>