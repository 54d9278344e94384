set encoding utf8
set terminal pngcairo enhanced size 1600,1200 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set multiplot layout 2,2 title "The 25-Gaussian grid (spacing 1, variance 0.05): exact-score samplers against the CDS25 KL bound, and the sliced W_2\n{/*0.8 standard OU, start N(0, I); KL from the 2-D density propagated on a grid (quadrature, bias bound in data.csv); sliced W_2 of 10000 particles ± 2 std errors; grey: exact samples}" font ',15'
set logscale xy
set grid lc rgb '#eeeeee'
set key bottom left font ',10'
set clip two
set linetype 1 lc rgb '#0072B2' lw 2 pt 5
set linetype 2 lc rgb '#E69F00' lw 2 pt 9
set linetype 3 lc rgb '#009E73' lw 2 pt 7
set title '(a) KL vs N, T = 2'
set xlabel 'number of steps N'
set ylabel 'KL(data || output)'
set xrange [6:40]
set xtics (8, 16, 32)
plot 'data.csv' index 0 using 1:2 with linespoints lt 1 title 'em, T = 2', '' index 0 using 1:4 with lines lt 1 dt 2 notitle, 'data.csv' index 1 using 1:2 with linespoints lt 2 title 'eir, T = 2', '' index 1 using 1:4 with lines lt 2 dt 2 notitle, 1/0 with lines lc rgb '#000000' dt 2 title 'CDS25 bound (dashed; the same for both)'
set title '(b) KL vs T, N = 16'
set xlabel 'horizon T'
set ylabel 'KL(data || output)'
set xrange [0.8:5]
set xtics (1, 2, 4)
plot 'data.csv' index 2 using 1:2 with linespoints lt 1 title 'em, N = 16', '' index 2 using 1:4 with lines lt 1 dt 2 notitle, 'data.csv' index 3 using 1:2 with linespoints lt 2 title 'eir, N = 16', '' index 3 using 1:4 with lines lt 2 dt 2 notitle, 1/0 with lines lc rgb '#000000' dt 2 title 'CDS25 bound (dashed; the same for both)'
set title '(c) sliced W_2 vs N, T = 2'
set xlabel 'number of steps N'
set ylabel 'sliced W_2(data, output)'
set xrange [6:40]
set xtics (8, 16, 32)
plot 'data.csv' index 0 using 1:5:(2*$6) with yerrorlines lt 1 title 'em, T = 2', 'data.csv' index 1 using 1:5:(2*$6) with yerrorlines lt 2 title 'eir, T = 2', 'data.csv' index 4 using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact sample'
set title '(d) sliced W_2 vs T, N = 16'
set xlabel 'horizon T'
set ylabel 'sliced W_2(data, output)'
set xrange [0.8:5]
set xtics (1, 2, 4)
plot 'data.csv' index 2 using 1:5:(2*$6) with yerrorlines lt 1 title 'em, N = 16', 'data.csv' index 3 using 1:5:(2*$6) with yerrorlines lt 2 title 'eir, N = 16', 'data.csv' index 4 using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact sample'
unset multiplot
