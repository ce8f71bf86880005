<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AddChannelDialog</name>
    <message>
        <source>Connect a shop</source>
        <translation>Connect a shop</translation>
    </message>
    <message>
        <source>e.g. tmall-flagship</source>
        <translation>e.g. tmall-flagship</translation>
    </message>
    <message>
        <source>Leave empty for the platform's own gateway</source>
        <translation>Leave empty for the platform's own gateway</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>App key</source>
        <translation>App key</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>App secret</translation>
    </message>
    <message>
        <source>Seller token (session / access_token)</source>
        <translation>Seller token (session / access_token)</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>Gateway address</translation>
    </message>
    <message>
        <source>First sync looks back to</source>
        <translation>First sync looks back to</translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <source>Nothing to show</source>
        <translation>Nothing to show</translation>
    </message>
    <message>
        <source>Double-click an order to open it.</source>
        <translation>Double-click an order to open it.</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>All objects</translation>
    </message>
    <message>
        <source>Object (e.g. order number)</source>
        <translation>Object (e.g. order number)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Object type</source>
        <translation>Object type</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>%n entry</numerusform><numerusform>%n entries</numerusform></translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Export audit trail</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries</source>
        <translation><numerusform>Exported %n entry</numerusform><numerusform>Exported %n entries</numerusform></translation>
    </message>
</context>
<context>
    <name>ChannelsView</name>
    <message>
        <source>Connect a shop…</source>
        <translation>Connect a shop…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Orders are pulled from every shop in the background, every few seconds.</source>
        <translation>Orders are pulled from every shop in the background, every few seconds.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Last success</translation>
    </message>
    <message>
        <source>Orders pulled</source>
        <translation>Orders pulled</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Next run</translation>
    </message>
    <message>
        <source>Failed runs</source>
        <translation>Failed runs</translation>
    </message>
    <message>
        <source>Bad orders</source>
        <translation>Bad orders</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Platform order no.</source>
        <translation>Platform order no.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>First seen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>Bad orders of the chosen channel (kept out until a good copy arrives)</source>
        <translation>Bad orders of the chosen channel (kept out until a good copy arrives)</translation>
    </message>
    <message>
        <source>No shop is connected yet.</source>
        <translation>No shop is connected yet.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>ALERT: failing since %1</source>
        <translation>ALERT: failing since %1</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Retrying</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Waiting for the first run</source>
        <translation>Waiting for the first run</translation>
    </message>
    <message>
        <source>(no order number)</source>
        <translation>(no order number)</translation>
    </message>
    <message>
        <source>Shop %1 connected; its orders arrive with the next run.</source>
        <translation>Shop %1 connected; its orders arrive with the next run.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Testing %1…</translation>
    </message>
    <message>
        <source>%1: the test call failed: %2</source>
        <translation>%1: the test call failed: %2</translation>
    </message>
    <message>
        <source>%1: the credentials work.</source>
        <translation>%1: the credentials work.</translation>
    </message>
</context>
<context>
    <name>ConditionEditor</name>
    <message>
        <source>e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 &gt;= 99</source>
        <translation>e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 &gt;= 99</translation>
    </message>
    <message>
        <source>Insert a field…</source>
        <translation>Insert a field…</translation>
    </message>
    <message>
        <source>Examples: %1</source>
        <translation>Examples: %1</translation>
    </message>
    <message>
        <source>Insert a function…</source>
        <translation>Insert a function…</translation>
    </message>
    <message>
        <source>Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.</source>
        <translation>Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.</translation>
    </message>
    <message>
        <source>✓ The condition is correct.</source>
        <translation>✓ The condition is correct.</translation>
    </message>
    <message>
        <source>Click to put the cursor where the error is.</source>
        <translation>Click to put the cursor where the error is.</translation>
    </message>
</context>
<context>
    <name>ConfirmMomentControl</name>
    <message>
        <source>When packed</source>
        <translation>When packed</translation>
    </message>
    <message>
        <source>At courier handover</source>
        <translation>At courier handover</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Needs the right to manage warehouses</source>
        <translation>Needs the right to manage warehouses</translation>
    </message>
    <message>
        <source>Confirm shipment to the platforms</source>
        <translation>Confirm shipment to the platforms</translation>
    </message>
    <message>
        <source>%1 now confirms shipments to the platforms: %2</source>
        <translation>%1 now confirms shipments to the platforms: %2</translation>
    </message>
    <message numerus="yes">
        <source>; %n packed parcel(s) queued</source>
        <translation><numerusform>; %n packed parcel queued</numerusform><numerusform>; %n packed parcels queued</numerusform></translation>
    </message>
</context>
<context>
    <name>CourierCodesDialog</name>
    <message>
        <source>Courier codes per platform</source>
        <translation>Courier codes per platform</translation>
    </message>
    <message>
        <source>Load the platform's courier list</source>
        <translation>Load the platform's courier list</translation>
    </message>
    <message>
        <source>Our courier</source>
        <translation>Our courier</translation>
    </message>
    <message>
        <source>Platform code</source>
        <translation>Platform code</translation>
    </message>
    <message>
        <source>Platform name</source>
        <translation>Platform name</translation>
    </message>
    <message>
        <source>The platform's code for the chosen courier</source>
        <translation>The platform's code for the chosen courier</translation>
    </message>
    <message>
        <source>Save code</source>
        <translation>Save code</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>This platform's courier list is not loaded yet: load it to check codes.</source>
        <translation>This platform's courier list is not loaded yet: load it to check codes.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 courier companies loaded.</source>
        <translation>%1 courier companies loaded.</translation>
    </message>
    <message>
        <source>Choose a courier first.</source>
        <translation>Choose a courier first.</translation>
    </message>
    <message>
        <source>Saved: %1 → %2</source>
        <translation>Saved: %1 → %2</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>OrderDesk: unexpected error</source>
        <translation>OrderDesk: unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong that OrderDesk did not expect. Scans and orders already saved are safe. Copy the report below and send it to your administrator.</source>
        <translation>Something went wrong that OrderDesk did not expect. Scans and orders already saved are safe. Copy the report below and send it to your administrator.</translation>
    </message>
    <message>
        <source>The report was also written to %1</source>
        <translation>The report was also written to %1</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Paid, not packed after %1 h</source>
        <translation>Paid, not packed after %1 h</translation>
    </message>
    <message>
        <source>Past ship-by</source>
        <translation>Past ship-by</translation>
    </message>
    <message>
        <source>Near ship-by</source>
        <translation>Near ship-by</translation>
    </message>
    <message>
        <source>Channel sync failing</source>
        <translation>Channel sync failing</translation>
    </message>
    <message>
        <source>Ship-confirm refused</source>
        <translation>Ship-confirm refused</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Low stock</translation>
    </message>
    <message>
        <source>Problem or stalled parcels</source>
        <translation>Problem or stalled parcels</translation>
    </message>
    <message>
        <source>Intercepts not pulled back</source>
        <translation>Intercepts not pulled back</translation>
    </message>
    <message>
        <source>Unknown returned parcels</source>
        <translation>Unknown returned parcels</translation>
    </message>
    <message>
        <source>To ship today</source>
        <translation>To ship today</translation>
    </message>
    <message>
        <source>By warehouse</source>
        <translation>By warehouse</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Orders per hour: today against the same weekday last week</source>
        <translation>Orders per hour: today against the same weekday last week</translation>
    </message>
    <message>
        <source>Parcels packed per station and hour</source>
        <translation>Parcels packed per station and hour</translation>
    </message>
    <message>
        <source>Not allocated</source>
        <translation>Not allocated</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <source>Phone, last 4 digits + name, order no., waybill, nickname or name</source>
        <translation>Phone, last 4 digits + name, order no., waybill, nickname or name</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Channel / shop</source>
        <translation>Channel / shop</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>Total (¥)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>Found by</translation>
    </message>
    <message>
        <source>Type what the buyer reads out; results appear as you type.</source>
        <translation>Type what the buyer reads out; results appear as you type.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Copy for the buyer</source>
        <translation>Copy for the buyer</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Add note…</translation>
    </message>
    <message>
        <source>Refund request…</source>
        <translation>Refund request…</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>Hold…</translation>
    </message>
    <message>
        <source>Release and allocate</source>
        <translation>Release and allocate</translation>
    </message>
    <message>
        <source>Re-send to allocation</source>
        <translation>Re-send to allocation</translation>
    </message>
    <message>
        <source>Show full phone and address</source>
        <translation>Show full phone and address</translation>
    </message>
    <message>
        <source> (newest shown)</source>
        <translation> (newest shown)</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) found</source>
        <translation><numerusform>%n order found</numerusform><numerusform>%n orders found</numerusform></translation>
    </message>
    <message>
        <source>Customer %1: %2 %3 · %4 orders · spent ¥%5 · refunds %6 · channels: %7 · first %8, last %9 · tags: %10</source>
        <translation>Customer %1: %2 %3 · %4 orders · spent ¥%5 · refunds %6 · channels: %7 · first %8, last %9 · tags: %10</translation>
    </message>
    <message>
        <source>Copied the message for the buyer</source>
        <translation>Copied the message for the buyer</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Note for the timeline:</source>
        <translation>Note for the timeline:</translation>
    </message>
    <message>
        <source>note added</source>
        <translation>note added</translation>
    </message>
    <message>
        <source>Refund request</source>
        <translation>Refund request</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 买家申请仅退款:</source>
        <translation>Reason (required), e.g. 买家申请仅退款:</translation>
    </message>
    <message>
        <source>refund request registered</source>
        <translation>refund request registered</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Why hold this order?</source>
        <translation>Why hold this order?</translation>
    </message>
    <message>
        <source>put on hold</source>
        <translation>put on hold</translation>
    </message>
    <message>
        <source>sent to allocation</source>
        <translation>sent to allocation</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Opening the database…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Backing up the database, then upgrading it to this version of OrderDesk…
Do not switch this PC off.</source>
        <translation>Backing up the database, then upgrading it to this version of OrderDesk…
Do not switch this PC off.</translation>
    </message>
</context>
<context>
    <name>FileMappingPanel</name>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>(choose the format)</source>
        <translation>(choose the format)</translation>
    </message>
    <message>
        <source>Header on row %1 · %2 data rows</source>
        <translation>Header on row %1 · %2 data rows</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Choose the format of this file.</source>
        <translation>Choose the format of this file.</translation>
    </message>
    <message>
        <source>Missing required columns: %1. Choose the column of the file that holds each.</source>
        <translation>Missing required columns: %1. Choose the column of the file that holds each.</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Choose the export files</source>
        <translation>Choose the export files</translation>
    </message>
    <message>
        <source>Order exports downloaded from the seller back-ends (.xlsx or .csv); you may also drop files here. The platform is recognised from the header row.</source>
        <translation>Order exports downloaded from the seller back-ends (.xlsx or .csv); you may also drop files here. The platform is recognised from the header row.</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Recognised as</source>
        <translation>Recognised as</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>Data rows</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Detect from the files (the platform's import shop)</source>
        <translation>Detect from the files (the platform's import shop)</translation>
    </message>
    <message>
        <source>Orders belong to:</source>
        <translation>Orders belong to:</translation>
    </message>
    <message>
        <source>Order export files</source>
        <translation>Order export files</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.xlsx)</source>
        <translation>Order exports (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Remove the files that cannot be read to go on.</source>
        <translation>Remove the files that cannot be read to go on.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>Cannot be read</translation>
    </message>
    <message>
        <source>Header not recognised: choose the format on the next page.</source>
        <translation>Header not recognised: choose the format on the next page.</translation>
    </message>
    <message>
        <source>Some required columns were not found: map them on the next page.</source>
        <translation>Some required columns were not found: map them on the next page.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>OrderDesk — create the administrator</source>
        <translation>OrderDesk — create the administrator</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator, who then adds everyone else.</source>
        <translation>This database has no users yet. Create the administrator, who then adds everyone else.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>OrderDesk — first start on this PC</source>
        <translation>OrderDesk — first start on this PC</translation>
    </message>
    <message>
        <source>Where are the orders kept? Choose once; an administrator can change it later.</source>
        <translation>Where are the orders kept? Choose once; an administrator can change it later.</translation>
    </message>
    <message>
        <source>This PC alone (a database file in the user data folder)</source>
        <translation>This PC alone (a database file in the user data folder)</translation>
    </message>
    <message>
        <source>A shared server (PostgreSQL) for several PCs</source>
        <translation>A shared server (PostgreSQL) for several PCs</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>This station's name</source>
        <translation>This station's name</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <source>Start handover</source>
        <translation>Start handover</translation>
    </message>
    <message>
        <source>Close manifest</source>
        <translation>Close manifest</translation>
    </message>
    <message>
        <source>Print manifest</source>
        <translation>Print manifest</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Scan each parcel's waybill (or order number)</source>
        <translation>Scan each parcel's waybill (or order number)</translation>
    </message>
    <message>
        <source>Choose the courier and the warehouse, then start the handover</source>
        <translation>Choose the courier and the warehouse, then start the handover</translation>
    </message>
    <message>
        <source>Manifest %1</source>
        <translation>Manifest %1</translation>
    </message>
    <message>
        <source>No manifest open</source>
        <translation>No manifest open</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) handed over</source>
        <translation><numerusform>%n parcel handed over</numerusform><numerusform>%n parcels handed over</numerusform></translation>
    </message>
    <message>
        <source>Choose the courier and the warehouse first</source>
        <translation>Choose the courier and the warehouse first</translation>
    </message>
    <message>
        <source>Manifest %1 continued: scan the parcels</source>
        <translation>Manifest %1 continued: scan the parcels</translation>
    </message>
    <message>
        <source>Manifest %1 open: scan the parcels</source>
        <translation>Manifest %1 open: scan the parcels</translation>
    </message>
    <message>
        <source>Printing manifest %1…</source>
        <translation>Printing manifest %1…</translation>
    </message>
    <message>
        <source>Manifest %1 printed on %2</source>
        <translation>Manifest %1 printed on %2</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>This scan was not recorded, scan again: %1</translation>
    </message>
    <message numerus="yes">
        <source>Manifest %1 closed: %n parcel(s)</source>
        <translation><numerusform>Manifest %1 closed: %n parcel</numerusform><numerusform>Manifest %1 closed: %n parcels</numerusform></translation>
    </message>
</context>
<context>
    <name>HeldView</name>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Orders the rules could not allocate, or held for a person to check.</source>
        <translation>Orders the rules could not allocate, or held for a person to check.</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>Total (¥)</translation>
    </message>
    <message>
        <source>Hold reason</source>
        <translation>Hold reason</translation>
    </message>
    <message>
        <source>Allocate by hand</source>
        <translation>Allocate by hand</translation>
    </message>
    <message>
        <source>Choose a warehouse…</source>
        <translation>Choose a warehouse…</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 客户要求从苏州仓发</source>
        <translation>Reason (required), e.g. 客户要求从苏州仓发</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Read only: your role may not allocate orders.</source>
        <translation>Read only: your role may not allocate orders.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n held order(s)</source>
        <translation><numerusform>%n held order</numerusform><numerusform>%n held orders</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The first %n held order(s)</source>
        <translation><numerusform>The first %n held order</numerusform><numerusform>The first %n held orders</numerusform></translation>
    </message>
    <message>
        <source>Could not load the held orders: %1</source>
        <translation>Could not load the held orders: %1</translation>
    </message>
    <message>
        <source>Select a held order to allocate it by hand.</source>
        <translation>Select a held order to allocate it by hand.</translation>
    </message>
    <message>
        <source>Order %1 — %2</source>
        <translation>Order %1 — %2</translation>
    </message>
    <message>
        <source>Choose the warehouse that ships this order.</source>
        <translation>Choose the warehouse that ships this order.</translation>
    </message>
    <message>
        <source>Say why this order is allocated by hand; the reason goes into the log.</source>
        <translation>Say why this order is allocated by hand; the reason goes into the log.</translation>
    </message>
    <message>
        <source>Order %1 allocated to %2 by hand.</source>
        <translation>Order %1 allocated to %2 by hand.</translation>
    </message>
    <message>
        <source>Allocating…</source>
        <translation>Allocating…</translation>
    </message>
</context>
<context>
    <name>HourlyChart</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Same weekday last week</source>
        <translation>Same weekday last week</translation>
    </message>
</context>
<context>
    <name>ImportReportView</name>
    <message>
        <source>New orders</source>
        <translation>New orders</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation>Held for review</translation>
    </message>
    <message>
        <source>Unpaid, skipped</source>
        <translation>Unpaid, skipped</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>Rows not imported</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>The new orders were imported but not allocated: %1</source>
        <translation>The new orders were imported but not allocated: %1</translation>
    </message>
    <message>
        <source>Rows not imported (%1)</source>
        <translation>Rows not imported (%1)</translation>
    </message>
    <message>
        <source>Held for review (%1)</source>
        <translation>Held for review (%1)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import order files</source>
        <translation>Import order files</translation>
    </message>
</context>
<context>
    <name>LabelPrinter</name>
    <message>
        <source>Printing the label of %1…</source>
        <translation>Printing the label of %1…</translation>
    </message>
    <message>
        <source>Label of %1 sent to %2</source>
        <translation>Label of %1 sent to %2</translation>
    </message>
    <message>
        <source>✓ Label of %1 printed on %2</source>
        <translation>✓ Label of %1 printed on %2</translation>
    </message>
    <message>
        <source>Label NOT printed, reprint it on the labels page (%1): %2</source>
        <translation>Label NOT printed, reprint it on the labels page (%1): %2</translation>
    </message>
</context>
<context>
    <name>LabelTemplateDialog</name>
    <message>
        <source>Label templates</source>
        <translation>Label templates</translation>
    </message>
    <message>
        <source>Any courier</source>
        <translation>Any courier</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Any channel</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Item summary</source>
        <translation>Item summary</translation>
    </message>
    <message>
        <source>Gift lines</source>
        <translation>Gift lines</translation>
    </message>
    <message>
        <source>Order number barcode</source>
        <translation>Order number barcode</translation>
    </message>
    <message>
        <source>Channel and shop</source>
        <translation>Channel and shop</translation>
    </message>
    <message>
        <source>Print time</source>
        <translation>Print time</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>Label size</translation>
    </message>
    <message>
        <source>Waybill, courier and receiver always print; the rest is up to you.</source>
        <translation>Waybill, courier and receiver always print; the rest is up to you.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>LabelsView</name>
    <message>
        <source>Order numbers, one per line (scan or paste)</source>
        <translation>Order numbers, one per line (scan or paste)</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>All warehouses</translation>
    </message>
    <message>
        <source>Add orders waiting for a label</source>
        <translation>Add orders waiting for a label</translation>
    </message>
    <message>
        <source>Shipping labels</source>
        <translation>Shipping labels</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>Packing slips</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>Pick list</translation>
    </message>
    <message>
        <source>As the template says</source>
        <translation>As the template says</translation>
    </message>
    <message>
        <source>Use as this station's printer</source>
        <translation>Use as this station's printer</translation>
    </message>
    <message>
        <source>Label templates…</source>
        <translation>Label templates…</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>Label size</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>No printer is installed on this computer; labels can still be previewed.</source>
        <translation>No printer is installed on this computer; labels can still be previewed.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for a label</source>
        <translation><numerusform>%n order waiting for a label</numerusform><numerusform>%n orders waiting for a label</numerusform></translation>
    </message>
    <message>
        <source>Enter or scan at least one order number.</source>
        <translation>Enter or scan at least one order number.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Preparing…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) ready</source>
        <translation><numerusform>%n page ready</numerusform><numerusform>%n pages ready</numerusform></translation>
    </message>
    <message>
        <source>Choose a printer first.</source>
        <translation>Choose a printer first.</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>Printing on %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer</source>
        <translation><numerusform>%n page sent to the printer</numerusform><numerusform>%n pages sent to the printer</numerusform></translation>
    </message>
    <message>
        <source>%1 is now this station's printer.</source>
        <translation>%1 is now this station's printer.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>OrderDesk — log in</source>
        <translation>OrderDesk — log in</translation>
    </message>
    <message>
        <source>Station locked by %1. Log in to continue, or switch user.</source>
        <translation>Station locked by %1. Log in to continue, or switch user.</translation>
    </message>
    <message>
        <source>Log in with your user name and password, or scan your badge.</source>
        <translation>Log in with your user name and password, or scan your badge.</translation>
    </message>
    <message>
        <source>User or badge</source>
        <translation>User or badge</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Type your user name or scan your badge.</source>
        <translation>Type your user name or scan your badge.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OrderDesk — order hub</source>
        <translation>OrderDesk — order hub</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>Shop connections and their sync state.</source>
        <translation>Shop connections and their sync state.</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Allocation rules</source>
        <translation>Allocation rules</translation>
    </message>
    <message>
        <source>Held orders</source>
        <translation>Held orders</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>Rules that send each order to a warehouse, and the exception queue.</source>
        <translation>Rules that send each order to a warehouse, and the exception queue.</translation>
    </message>
    <message>
        <source>Pick &amp; pack</source>
        <translation>Pick &amp; pack</translation>
    </message>
    <message>
        <source>The packing station: scan the order, every item and the waybill.</source>
        <translation>The packing station: scan the order, every item and the waybill.</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Shipping labels, packing slips and pick lists on any printer.</source>
        <translation>Shipping labels, packing slips and pick lists on any printer.</translation>
    </message>
    <message>
        <source>Packing station</source>
        <translation>Packing station</translation>
    </message>
    <message>
        <source>Courier handover</source>
        <translation>Courier handover</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>Waves</translation>
    </message>
    <message>
        <source>Scan the parcels into the courier's manifest at pick-up, and print it.</source>
        <translation>Scan the parcels into the courier's manifest at pick-up, and print it.</translation>
    </message>
    <message>
        <source>Warehouse tasks</source>
        <translation>Warehouse tasks</translation>
    </message>
    <message>
        <source>Parcels to pull back, courier intercepts, returns expected and unknown parcels.</source>
        <translation>Parcels to pull back, courier intercepts, returns expected and unknown parcels.</translation>
    </message>
    <message>
        <source>Scan returned parcels back in: each item resellable, damaged or missing.</source>
        <translation>Scan returned parcels back in: each item resellable, damaged or missing.</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>Customer service</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>One search over every channel: a buyer's orders and each order's whole story.</source>
        <translation>One search over every channel: a buyer's orders and each order's whole story.</translation>
    </message>
    <message>
        <source>Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.</source>
        <translation>Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.</translation>
    </message>
    <message numerus="yes">
        <source>Demo: %n new order(s) paid in the shops</source>
        <translation><numerusform>Demo: %n new order paid in the shops</numerusform><numerusform>Demo: %n new orders paid in the shops</numerusform></translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>The new language is used from the next start.</translation>
    </message>
    <message>
        <source>About OrderDesk</source>
        <translation>About OrderDesk</translation>
    </message>
    <message>
        <source>OrderDesk %1 — a light order hub for small e-commerce warehouses.</source>
        <translation>OrderDesk %1 — a light order hub for small e-commerce warehouses.</translation>
    </message>
    <message>
        <source>OrderDesk</source>
        <translation>OrderDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>S&amp;witch user…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Lock station</source>
        <translation>&amp;Lock station</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About OrderDesk</source>
        <translation>&amp;About OrderDesk</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>Check the columns</translation>
    </message>
    <message>
        <source>Each field is read from the column chosen here. Red: a required field the file does not name; choose the column that holds it.</source>
        <translation>Each field is read from the column chosen here. Red: a required field the file does not name; choose the column that holds it.</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>(not in file)</source>
        <translation>(not in file)</translation>
    </message>
    <message>
        <source>A time column is required</source>
        <translation>A time column is required</translation>
    </message>
    <message>
        <source>An item column is required</source>
        <translation>An item column is required</translation>
    </message>
</context>
<context>
    <name>NotPermittedView</name>
    <message>
        <source>Your role (%1) may not use this page. An administrator can grant the permission “%2”.</source>
        <translation>Your role (%1) may not use this page. An administrator can grant the permission “%2”.</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Show full phone and address</source>
        <translation>Show full phone and address</translation>
    </message>
    <message>
        <source>Select an order to see its lines and timeline</source>
        <translation>Select an order to see its lines and timeline</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>Buyer note</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Paid (¥)</source>
        <translation>Paid (¥)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Courier's scan</source>
        <translation>Courier's scan</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Parcel tracking</source>
        <translation>Parcel tracking</translation>
    </message>
    <message>
        <source>province not recognised</source>
        <translation>province not recognised</translation>
    </message>
    <message>
        <source>Total ¥%1, freight ¥%2, discount ¥%3</source>
        <translation>Total ¥%1, freight ¥%2, discount ¥%3</translation>
    </message>
    <message>
        <source>gift</source>
        <translation>gift</translation>
    </message>
    <message>
        <source>No scan from the courier yet</source>
        <translation>No scan from the courier yet</translation>
    </message>
    <message>
        <source>Withdraw refund…</source>
        <translation>Withdraw refund…</translation>
    </message>
    <message>
        <source>Refund request…</source>
        <translation>Refund request…</translation>
    </message>
    <message>
        <source>On hold: %1</source>
        <translation>On hold: %1</translation>
    </message>
    <message>
        <source>Parcel %1 from %2: %3</source>
        <translation>Parcel %1 from %2: %3</translation>
    </message>
    <message>
        <source>Not allocated yet</source>
        <translation>Not allocated yet</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>Scan an order number, a waybill or a pick-list slot</source>
        <translation>Scan an order number, a waybill or a pick-list slot</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <source>Buyer note: %1</source>
        <translation>Buyer note: %1</translation>
    </message>
    <message>
        <source>[Gift] </source>
        <translation>[Gift] </translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>Ship by</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>Total (¥)</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <source>promised by the platform</source>
        <translation>promised by the platform</translation>
    </message>
    <message>
        <source>paid + the channel's default hours</source>
        <translation>paid + the channel's default hours</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>Order no. or phone</source>
        <translation>Order no. or phone</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>All warehouses</translation>
    </message>
    <message>
        <source>Any ship-by</source>
        <translation>Any ship-by</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation><numerusform>Due within %n hour</numerusform><numerusform>Due within %n hours</numerusform></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Import orders…</source>
        <translation>Import orders…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message numerus="yes">
        <source>%n new order(s) arrived — press F5 to show them</source>
        <translation><numerusform>%n new order arrived — press F5 to show it</numerusform><numerusform>%n new orders arrived — press F5 to show them</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation><numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
    <message>
        <source>Could not load orders</source>
        <translation>Could not load orders</translation>
    </message>
    <message>
        <source>Withdraw refund</source>
        <translation>Withdraw refund</translation>
    </message>
    <message>
        <source>Refund request</source>
        <translation>Refund request</translation>
    </message>
    <message>
        <source>Reason (required), e.g. 买家申请仅退款:</source>
        <translation>Reason (required), e.g. 买家申请仅退款:</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Ship-confirm outbox (waybills sent to the platforms)</source>
        <translation>Ship-confirm outbox (waybills sent to the platforms)</translation>
    </message>
    <message>
        <source>Courier codes…</source>
        <translation>Courier codes…</translation>
    </message>
    <message>
        <source>Parcel intercepted — close alert</source>
        <translation>Parcel intercepted — close alert</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Failing</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Oldest waiting</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Platform said</source>
        <translation>Platform said</translation>
    </message>
    <message>
        <source>Tracking alerts: %1</source>
        <translation>Tracking alerts: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>Supervisor override</translation>
    </message>
    <message>
        <source>Seal order %1 as it is, with items missing.</source>
        <translation>Seal order %1 as it is, with items missing.</translation>
    </message>
    <message>
        <source>No order is open at this station.</source>
        <translation>No order is open at this station.</translation>
    </message>
    <message>
        <source>A warehouse lead scans their badge and gives the reason.</source>
        <translation>A warehouse lead scans their badge and gives the reason.</translation>
    </message>
    <message>
        <source>Scan the lead's badge</source>
        <translation>Scan the lead's badge</translation>
    </message>
    <message>
        <source>e.g. out of stock, the buyer agreed to receive less</source>
        <translation>e.g. out of stock, the buyer agreed to receive less</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>✓ Badge scanned</source>
        <translation>✓ Badge scanned</translation>
    </message>
    <message>
        <source>Scan the lead's badge first.</source>
        <translation>Scan the lead's badge first.</translation>
    </message>
    <message>
        <source>Say why the parcel goes out as it is.</source>
        <translation>Say why the parcel goes out as it is.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Check the figures and the rows that cannot be imported, then press Import.</source>
        <translation>Nothing has been written yet. Check the figures and the rows that cannot be imported, then press Import.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Reading the files and comparing them with the orders already in OrderDesk…</source>
        <translation>Reading the files and comparing them with the orders already in OrderDesk…</translation>
    </message>
    <message>
        <source>There is no order to import in these files.</source>
        <translation>There is no order to import in these files.</translation>
    </message>
    <message>
        <source>Every order in these files is already in OrderDesk as it is here: importing changes nothing.</source>
        <translation>Every order in these files is already in OrderDesk as it is here: importing changes nothing.</translation>
    </message>
    <message>
        <source>Orders held for review are imported too and wait in the held queue for a person.</source>
        <translation>Orders held for review are imported too and wait in the held queue for a person.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>ReallocateButton</name>
    <message>
        <source>Re-allocate un-packed orders…</source>
        <translation>Re-allocate un-packed orders…</translation>
    </message>
    <message>
        <source>After a rule change: preview where paid, held and allocated orders would go, then move them in one action.</source>
        <translation>After a rule change: preview where paid, held and allocated orders would go, then move them in one action.</translation>
    </message>
    <message>
        <source>%1 un-packed orders; %2 would change warehouse.</source>
        <translation>%1 un-packed orders; %2 would change warehouse.</translation>
    </message>
    <message>
        <source>Re-allocate</source>
        <translation>Re-allocate</translation>
    </message>
    <message>
        <source>Move them now?</source>
        <translation>Move them now?</translation>
    </message>
    <message>
        <source>Re-allocated: %1 allocated, %2 held</source>
        <translation>Re-allocated: %1 allocated, %2 held</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>What was written; the orders list shows the new orders.</source>
        <translation>What was written; the orders list shows the new orders.</translation>
    </message>
    <message>
        <source>The orders are in OrderDesk. %1 new, %2 updated.</source>
        <translation>The orders are in OrderDesk. %1 new, %2 updated.</translation>
    </message>
    <message>
        <source>Allocated to warehouses by the rules: %1.</source>
        <translation>Allocated to warehouses by the rules: %1.</translation>
    </message>
    <message>
        <source>Held by the rules: %1.</source>
        <translation>Held by the rules: %1.</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>Scan the returned parcel (waybill or order), then each item</source>
        <translation>Scan the returned parcel (waybill or order), then each item</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>F2 Resellable</source>
        <translation>F2 Resellable</translation>
    </message>
    <message>
        <source>F3 Damaged…</source>
        <translation>F3 Damaged…</translation>
    </message>
    <message>
        <source>F4 Missing</source>
        <translation>F4 Missing</translation>
    </message>
    <message>
        <source>F6 Unknown parcel</source>
        <translation>F6 Unknown parcel</translation>
    </message>
    <message>
        <source>F10 Done</source>
        <translation>F10 Done</translation>
    </message>
    <message>
        <source>Esc Cancel</source>
        <translation>Esc Cancel</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Back before</source>
        <translation>Back before</translation>
    </message>
    <message>
        <source>Resellable</source>
        <translation>Resellable</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Match to an order…</source>
        <translation>Match to an order…</translation>
    </message>
    <message>
        <source>This parcel</source>
        <translation>This parcel</translation>
    </message>
    <message>
        <source>Today's check-ins</source>
        <translation>Today's check-ins</translation>
    </message>
    <message>
        <source>Unknown parcels</source>
        <translation>Unknown parcels</translation>
    </message>
    <message>
        <source>Ready: scan a returned parcel</source>
        <translation>Ready: scan a returned parcel</translation>
    </message>
    <message>
        <source>What is wrong with it (required):</source>
        <translation>What is wrong with it (required):</translation>
    </message>
    <message>
        <source>Next items: resellable</source>
        <translation>Next items: resellable</translation>
    </message>
    <message>
        <source>Next items: missing</source>
        <translation>Next items: missing</translation>
    </message>
    <message>
        <source>Next items: damaged — %1</source>
        <translation>Next items: damaged — %1</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>This scan was not recorded, scan again: %1</translation>
    </message>
    <message>
        <source> (no refund request)</source>
        <translation> (no refund request)</translation>
    </message>
    <message>
        <source>Unknown parcels (%1)</source>
        <translation>Unknown parcels (%1)</translation>
    </message>
    <message>
        <source>Choose an unknown parcel in the list first</source>
        <translation>Choose an unknown parcel in the list first</translation>
    </message>
    <message>
        <source>Match to an order</source>
        <translation>Match to an order</translation>
    </message>
    <message>
        <source>Order number or waybill of unknown parcel #%1:</source>
        <translation>Order number or waybill of unknown parcel #%1:</translation>
    </message>
    <message>
        <source>Unknown parcel #%1 checked in against %2: %3</source>
        <translation>Unknown parcel #%1 checked in against %2: %3</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>What the rule is for, e.g. 江浙沪发苏州仓</source>
        <translation>What the rule is for, e.g. 江浙沪发苏州仓</translation>
    </message>
    <message>
        <source>Assign warehouse</source>
        <translation>Assign warehouse</translation>
    </message>
    <message>
        <source>Add gift</source>
        <translation>Add gift</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>Hold for review</translation>
    </message>
    <message>
        <source>Choose a warehouse…</source>
        <translation>Choose a warehouse…</translation>
    </message>
    <message>
        <source>SKU of the gift, e.g. GIFT-TOWEL</source>
        <translation>SKU of the gift, e.g. GIFT-TOWEL</translation>
    </message>
    <message>
        <source>e.g. 加急</source>
        <translation>e.g. 加急</translation>
    </message>
    <message>
        <source>Shown on the held order, e.g. 大额订单请核对地址</source>
        <translation>Shown on the held order, e.g. 大额订单请核对地址</translation>
    </message>
    <message>
        <source>Keep the order together (one warehouse, no split)</source>
        <translation>Keep the order together (one warehouse, no split)</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Gift SKU</source>
        <translation>Gift SKU</translation>
    </message>
    <message>
        <source>Gift quantity</source>
        <translation>Gift quantity</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Rule %1</translation>
    </message>
    <message>
        <source>No rule selected</source>
        <translation>No rule selected</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (inactive)</translation>
    </message>
</context>
<context>
    <name>RulePreviewPanel</name>
    <message>
        <source>Dry run: what would these rules do?</source>
        <translation>Dry run: what would these rules do?</translation>
    </message>
    <message>
        <source> orders</source>
        <translation> orders</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <source>Plan the newest orders with the rules as edited here; nothing is saved.</source>
        <translation>Plan the newest orders with the rules as edited here; nothing is saved.</translation>
    </message>
    <message>
        <source>The rules changed after this dry run; run it again.</source>
        <translation>The rules changed after this dry run; run it again.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Order count</source>
        <translation>Order count</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Example orders</source>
        <translation>Example orders</translation>
    </message>
    <message>
        <source>Try on the newest</source>
        <translation>Try on the newest</translation>
    </message>
    <message numerus="yes">
        <source>Trying the rules on up to %n order(s)…</source>
        <translation><numerusform>Trying the rules on up to %n order…</numerusform><numerusform>Trying the rules on up to %n orders…</numerusform></translation>
    </message>
    <message>
        <source>Dry run refused: %1</source>
        <translation>Dry run refused: %1</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would change warehouse</source>
        <translation><numerusform>%n order would change warehouse</numerusform><numerusform>%n orders would change warehouse</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n without a warehouse now</source>
        <translation><numerusform>%n without a warehouse now</numerusform><numerusform>%n without a warehouse now</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n split</source>
        <translation><numerusform>%n split</numerusform><numerusform>%n split</numerusform></translation>
    </message>
    <message>
        <source>gifts %1</source>
        <translation>gifts %1</translation>
    </message>
    <message>
        <source>no gifts</source>
        <translation>no gifts</translation>
    </message>
    <message numerus="yes">
        <source>%n held</source>
        <translation><numerusform>%n held</numerusform><numerusform>%n held</numerusform></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Tried on %n order(s)</source>
        <translation><numerusform>Tried on %n order</numerusform><numerusform>Tried on %n orders</numerusform></translation>
    </message>
    <message>
        <source>(no warehouse)</source>
        <translation>(no warehouse)</translation>
    </message>
    <message numerus="yes">
        <source>%n moved in</source>
        <translation><numerusform>%n moved in</numerusform><numerusform>%n moved in</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n moved out</source>
        <translation><numerusform>%n moved out</numerusform><numerusform>%n moved out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n had no warehouse</source>
        <translation><numerusform>%n had no warehouse</numerusform><numerusform>%n had no warehouse</numerusform></translation>
    </message>
    <message>
        <source>no change</source>
        <translation>no change</translation>
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
        <translation>On</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Disabled: kept, but not used</source>
        <translation>Disabled: kept, but not used</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>The condition is empty.</source>
        <translation>The condition is empty.</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>To %1</translation>
    </message>
    <message>
        <source>(no split)</source>
        <translation>(no split)</translation>
    </message>
    <message>
        <source>Gift %1 ×%2</source>
        <translation>Gift %1 ×%2</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>Hold for review</translation>
    </message>
</context>
<context>
    <name>RuleVersionsPanel</name>
    <message>
        <source>Save and versions</source>
        <translation>Save and versions</translation>
    </message>
    <message>
        <source>What changed (optional), e.g. 618 大促</source>
        <translation>What changed (optional), e.g. 618 大促</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Check every rule and make this set the one in force, as a new version.</source>
        <translation>Check every rule and make this set the one in force, as a new version.</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Restore this version</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3</source>
        <translation>Version %1 · %2 · %3</translation>
    </message>
    <message>
        <source>(in force)</source>
        <translation>(in force)</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation><numerusform>%n rule</numerusform><numerusform>%n rules</numerusform></translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>Checking and saving…</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>Saved as version %1.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Put the rules of version %1 back in force? They are saved as a new version.</source>
        <translation>Put the rules of version %1 back in force? They are saved as a new version.</translation>
    </message>
    <message>
        <source>Your unsaved changes are dropped.</source>
        <translation>Your unsaved changes are dropped.</translation>
    </message>
    <message>
        <source>Version %1 restored as version %2.</source>
        <translation>Version %1 restored as version %2.</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>Read only: your role may look at the rules and try them, not change them.</source>
        <translation>Read only: your role may look at the rules and try them, not change them.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Read the saved rules again; unsaved changes are dropped.</source>
        <translation>Read the saved rules again; unsaved changes are dropped.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Rules are tried from the top; the first warehouse rule that matches wins.</source>
        <translation>Rules are tried from the top; the first warehouse rule that matches wins.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Drop the unsaved changes and read the saved rules again?</source>
        <translation>Drop the unsaved changes and read the saved rules again?</translation>
    </message>
    <message>
        <source>Reload the rules</source>
        <translation>Reload the rules</translation>
    </message>
    <message>
        <source>Could not load the rules: %1</source>
        <translation>Could not load the rules: %1</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>There are unsaved changes.</source>
        <translation>There are unsaved changes.</translation>
    </message>
</context>
<context>
    <name>StationSetupDialog</name>
    <message>
        <source>Station setup</source>
        <translation>Station setup</translation>
    </message>
    <message>
        <source>A new warehouse's code, e.g. MAIN</source>
        <translation>A new warehouse's code, e.g. MAIN</translation>
    </message>
    <message>
        <source>This computer's default printer</source>
        <translation>This computer's default printer</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (not installed)</translation>
    </message>
    <message>
        <source>No: through the printer driver (PDF)</source>
        <translation>No: through the printer driver (PDF)</translation>
    </message>
    <message>
        <source>ZPL (Zebra and compatibles)</source>
        <translation>ZPL (Zebra and compatibles)</translation>
    </message>
    <message>
        <source>TSPL (TSC and compatibles)</source>
        <translation>TSPL (TSC and compatibles)</translation>
    </message>
    <message>
        <source>Beeps and spoken refusals</source>
        <translation>Beeps and spoken refusals</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>Label printer</translation>
    </message>
    <message>
        <source>Raw thermal printing</source>
        <translation>Raw thermal printing</translation>
    </message>
    <message>
        <source>Or network printer</source>
        <translation>Or network printer</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Sounds</translation>
    </message>
    <message>
        <source>Set once per PC. The station packs only parcels of this warehouse.</source>
        <translation>Set once per PC. The station packs only parcels of this warehouse.</translation>
    </message>
    <message>
        <source>Choose the warehouse this station packs for.</source>
        <translation>Choose the warehouse this station packs for.</translation>
    </message>
    <message>
        <source>Give the station a name (other stations see it).</source>
        <translation>Give the station a name (other stations see it).</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <source>Scan here (order, waybill, slot, item)</source>
        <translation>Scan here (order, waybill, slot, item)</translation>
    </message>
    <message>
        <source>Station setup…</source>
        <translation>Station setup…</translation>
    </message>
    <message>
        <source>Ctrl+Z undo · Esc put the order back · F9 supervisor override</source>
        <translation>Ctrl+Z undo · Esc put the order back · F9 supervisor override</translation>
    </message>
    <message>
        <source>Last scans</source>
        <translation>Last scans</translation>
    </message>
    <message>
        <source>Set this station up first: its warehouse and label printer</source>
        <translation>Set this station up first: its warehouse and label printer</translation>
    </message>
    <message>
        <source>Ready: scan an order</source>
        <translation>Ready: scan an order</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>Station: %1</translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation>Warehouse: %1</translation>
    </message>
    <message>
        <source>Printer: %1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <source>Scans waiting: %1</source>
        <translation>Scans waiting: %1</translation>
    </message>
    <message>
        <source>This scan was not recorded, scan again: %1</source>
        <translation>This scan was not recorded, scan again: %1</translation>
    </message>
    <message>
        <source>✓ Packed with waybill %1</source>
        <translation>✓ Packed with waybill %1</translation>
    </message>
    <message>
        <source>✓ Packed, label printed</source>
        <translation>✓ Packed, label printed</translation>
    </message>
    <message>
        <source>Packed, but the label did not print</source>
        <translation>Packed, but the label did not print</translation>
    </message>
    <message>
        <source>Station setup saved</source>
        <translation>Station setup saved</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Pull back from the outgoing pile</source>
        <translation>Pull back from the outgoing pile</translation>
    </message>
    <message>
        <source>Courier confirmed the intercept</source>
        <translation>Courier confirmed the intercept</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Scan does</source>
        <translation>Scan does</translation>
    </message>
    <message>
        <source>Scan the parcel's waybill (or order number)</source>
        <translation>Scan the parcel's waybill (or order number)</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Scan parcels to pull back, or those the courier intercepted</source>
        <translation>Scan parcels to pull back, or those the courier intercepted</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
</context>
<context>
    <name>ThroughputView</name>
    <message>
        <source>Today: parcels packed / scans refused, per station and hour</source>
        <translation>Today: parcels packed / scans refused, per station and hour</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Each cell: parcels packed / scans refused. Refreshed every 30 s.</source>
        <translation>Each cell: parcels packed / scans refused. Refreshed every 30 s.</translation>
    </message>
    <message>
        <source>Nothing packed today yet.</source>
        <translation>Nothing packed today yet.</translation>
    </message>
</context>
<context>
    <name>TourBubble</name>
    <message>
        <source>Skip tour</source>
        <translation>Skip tour</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>WaitingLine</name>
    <message>
        <source>No wave orders waiting</source>
        <translation>No wave orders waiting</translation>
    </message>
    <message>
        <source>Waiting in waves: %1 · next: %2</source>
        <translation>Waiting in waves: %1 · next: %2</translation>
    </message>
</context>
<context>
    <name>WavePickPanel</name>
    <message>
        <source>Choose a wave</source>
        <translation>Choose a wave</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Preview pick list</source>
        <translation>Preview pick list</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>Print pick list</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Wave %1</source>
        <translation>Wave %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Packed</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>Pick list ready: %1 page(s)</source>
        <translation>Pick list ready: %1 page(s)</translation>
    </message>
    <message>
        <source>Choose a printer first.</source>
        <translation>Choose a printer first.</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>Printing on %1…</translation>
    </message>
    <message>
        <source>Pick list of %1 sent to the printer</source>
        <translation>Pick list of %1 sent to the printer</translation>
    </message>
</context>
<context>
    <name>WavesView</name>
    <message>
        <source>Any channel</source>
        <translation>Any channel</translation>
    </message>
    <message>
        <source>Any courier</source>
        <translation>Any courier</translation>
    </message>
    <message>
        <source>Single-item orders first</source>
        <translation>Single-item orders first</translation>
    </message>
    <message>
        <source>Make wave</source>
        <translation>Make wave</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Wave</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Packed</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Open waves (orders still waiting at the pack stations)</source>
        <translation>Open waves (orders still waiting at the pack stations)</translation>
    </message>
    <message>
        <source>No open waves in this warehouse.</source>
        <translation>No open waves in this warehouse.</translation>
    </message>
    <message>
        <source>Choose a warehouse first.</source>
        <translation>Choose a warehouse first.</translation>
    </message>
    <message>
        <source>Making the wave…</source>
        <translation>Making the wave…</translation>
    </message>
    <message>
        <source>Wave %1 made: %2 order(s)</source>
        <translation>Wave %1 made: %2 order(s)</translation>
    </message>
</context>
</TS>